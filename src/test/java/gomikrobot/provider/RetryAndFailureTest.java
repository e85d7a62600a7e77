package gomikrobot.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.LocalWhisperConfig;
import gomikrobot.config.ProviderConfig;
import gomikrobot.config.ProvidersConfig;
import gomikrobot.testing.FakeOpenAiServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryAndFailureTest {
    private static final String KEY = "sk-proj-VerySecretKeyValue0987654321";
    private static final String ERROR_500 = "{\"error\":{\"message\":\"The server had an error\"}}";
    private static final String RATE_LIMITED = "{\"error\":{\"message\":\"Rate limit reached for requests\","
            + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";
    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    TestProviders providers = new TestProviders(); // ClassicWireTest runs these tests again over the other wire

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void retriesAfter429WaitingAsLongAsRetryAfterSays() {
        server.enqueueStatus(429, "{\"error\":{\"message\":\"Rate limit reached\"}}", Map.of("Retry-After", "7"));
        server.enqueueText("finally");

        ChatReply reply = providers.provider(server.baseUrl(), KEY).chat(request());

        assertEquals("finally", reply.content());
        assertEquals(2, server.count("/chat/completions"));
        assertEquals(List.of(Duration.ofSeconds(7)), providers.sleeper.waits());
    }

    @Test
    void givesUpAfterFourAttemptsOfServerErrors() {
        for (int i = 0; i < 4; i++) {
            server.enqueueStatus(500, ERROR_500, Map.of());
        }

        ProviderException e = assertThrows(ProviderException.class,
                () -> providers.provider(server.baseUrl(), KEY).chat(request()));

        assertEquals(500, e.status());
        assertTrue(e.retryable());
        assertEquals("LLM request failed: HTTP 500: The server had an error (4 attempts)", e.getMessage());
        assertEquals(4, server.count("/chat/completions"));
        List<Duration> waits = providers.sleeper.waits();
        assertEquals(3, waits.size());
        for (int retry = 0; retry < 3; retry++) {
            long ceiling = 500L << retry;
            long waited = waits.get(retry).toMillis();
            assertTrue(waited >= ceiling / 2 && waited <= ceiling, "equal jitter in [" + ceiling / 2 + ", " + ceiling
                    + "], got " + waited);
        }
    }

    @Test
    void doesNotRetryOtherClientErrors() {
        server.enqueueStatus(400, "{\"error\":{\"message\":\"Invalid value for 'temperature'\"}}", Map.of());

        ProviderException e = assertThrows(ProviderException.class,
                () -> providers.provider(server.baseUrl(), KEY).chat(request()));

        assertEquals("LLM request failed: HTTP 400: Invalid value for 'temperature'", e.getMessage());
        assertEquals(400, e.status());
        assertFalse(e.retryable());
        assertEquals(1, server.count("/chat/completions"));
    }

    @Test
    void connectionRefusedIsRetriedThenReportedAsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ProviderException e = assertThrows(ProviderException.class,
                () -> providers.provider("http://127.0.0.1:" + closedPort + "/v1", KEY).chat(request()));

        assertEquals(0, e.status());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().startsWith("LLM request failed: cannot connect to 127.0.0.1:" + closedPort),
                e.getMessage());
        assertEquals(3, providers.sleeper.waits().size());
    }

    @Test
    void slowAnswerTimesOutAndIsRetried() {
        server.enqueueDelay(Duration.ofSeconds(5));

        ChatReply reply = providers.provider(server.baseUrl(), KEY).chat(request());

        assertEquals("echo: hello", reply.content());
        assertEquals(2, server.count("/chat/completions"));
        assertEquals(1, providers.sleeper.waits().size());
    }

    @Test
    void timeoutWithoutRetriesLeftIsARetryableFailure() {
        server.enqueueDelay(Duration.ofSeconds(5));

        ProviderException e = assertThrows(ProviderException.class,
                () -> providers.provider(server.baseUrl(), KEY, 0).chat(request()));

        assertEquals(0, e.status());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("no answer from 127.0.0.1:") && e.getMessage().contains("within 800 ms"),
                e.getMessage());
    }

    @Test
    void apiKeyNeverAppearsInErrorsOrLogsEvenWhenTheServerEchoesIt() {
        for (int i = 0; i < 4; i++) {
            server.enqueueStatus(503, "{\"error\":{\"message\":\"overloaded, key " + KEY + "\"}}", Map.of());
        }
        OpenAiCompatibleProvider provider = providers.provider(server.baseUrl(), KEY);
        ProviderException overloaded = assertThrows(ProviderException.class, () -> provider.chat(request()));
        server.expectKey("sk-the-right-one");

        ProviderException rejected = assertThrows(ProviderException.class, () -> provider.chat(request()));

        assertEquals("LLM request failed: HTTP 401: Incorrect API key provided: [REDACTED] "
                + "(type invalid_request_error)", rejected.getMessage());
        assertFalse(rejected.serverSaid().contains(KEY), rejected.serverSaid());
        assertEquals(401, rejected.status());
        assertFalse(rejected.retryable());
        assertTrue(overloaded.getMessage().contains("overloaded, key [REDACTED]"), overloaded.getMessage());
        assertTrue(providers.logText().contains("retrying"), "retries were logged");
        assertFalse(providers.logText().contains(KEY), providers.logText());
    }

    @Test
    void serverErrorTextIsTruncatedToOneShortLine() {
        server.enqueueStatus(422, "{\"error\":{\"message\":\"line one\\nline two " + "x".repeat(1000) + "\"}}",
                Map.of());

        ProviderException e = assertThrows(ProviderException.class,
                () -> providers.provider(server.baseUrl(), KEY).chat(request()));

        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().contains("line one line two"));
        assertTrue(e.getMessage().length() < 360, "length " + e.getMessage().length());
    }

    @Test
    void openRouterGetsItsAttributionWhateverItsBaseUrl() {
        ProviderConfig openRouter = new ProviderConfig(KEY, server.baseUrl(), "https://example.org/bot", "My Bot");
        ProviderConfig active = new ProvidersConfig(new ProviderConfig("", HttpTransport.DEFAULT_API_BASE),
                openRouter, new LocalWhisperConfig(false, "base", "")).active();

        providers.provider(active, 0).chat(request());

        var sent = server.last("/chat/completions");
        assertEquals("https://example.org/bot", sent.header("HTTP-Referer"));
        assertEquals("My Bot", sent.header("X-OpenRouter-Title"));
        assertEquals("My Bot", sent.header("X-Title"), "the older name of the title header");
    }

    @Test
    void theOpenAiSectionPointingAtOpenRouterSendsOpenRoutersAttribution() {
        // the fake server acts as HTTP proxy, so "openrouter.ai" is reached without leaving the machine
        HttpClient viaFake = HttpClient.newBuilder()
                .proxy(ProxySelector.of(InetSocketAddress.createUnresolved("127.0.0.1", port()))).build();
        ProviderConfig openRouterDefaults = new ProviderConfig("", "https://openrouter.ai/api/v1",
                ProviderConfig.PROJECT_URL, ProviderConfig.PROJECT_NAME);
        ProviderConfig active = new ProvidersConfig(new ProviderConfig(KEY, "http://openrouter.ai/api/v1"),
                openRouterDefaults, new LocalWhisperConfig(false, "base", "")).active();

        ChatReply reply = providers.provider(active, 0, Wire.of(viaFake)).chat(request());

        assertEquals("echo: hello", reply.content());
        var sent = server.last("/chat/completions");
        assertEquals("/api/v1/chat/completions", sent.path());
        assertEquals(ProviderConfig.PROJECT_NAME, sent.header("X-Title"));
        assertEquals(ProviderConfig.PROJECT_URL, sent.header("HTTP-Referer"));
    }

    @Test
    void otherProvidersGetNoAttribution() {
        providers.provider(server.baseUrl(), KEY).chat(request());

        var sent = server.last("/chat/completions");
        assertNull(sent.header("HTTP-Referer"));
        assertNull(sent.header("X-OpenRouter-Title"));
        assertNull(sent.header("X-Title"));
    }

    @Test
    void retryAfterMsIsHonouredBeforeRetryAfter() {
        server.enqueueStatus(429, RATE_LIMITED, Map.of("retry-after-ms", "1500", "Retry-After", "9"));
        server.enqueueText("after the pause");

        assertEquals("after the pause", providers.patient(server.baseUrl(), KEY).chat(request()).content());

        assertEquals(List.of(Duration.ofMillis(1500)), providers.sleeper.waits());
    }

    @Test
    void theResetOfTheSpentRateLimitIsHonoured() {
        server.enqueueStatus(429, RATE_LIMITED, Map.of("x-ratelimit-remaining-requests", "12",
                "x-ratelimit-reset-requests", "1s", "x-ratelimit-remaining-tokens", "0",
                "x-ratelimit-reset-tokens", "6.5s"));
        server.enqueueText("tokens are back");

        providers.patient(server.baseUrl(), KEY).chat(request());

        assertEquals(List.of(Duration.ofMillis(6500)), providers.sleeper.waits(), "the tokens ran out, not requests");
    }

    @Test
    void resetHeadersAreReadLikeRetryAfter() {
        assertEquals(Optional.of(Duration.ofSeconds(2)), advice(Map.of("x-ratelimit-reset-requests", "2s")));
        assertEquals(Optional.of(Duration.ofSeconds(360)), advice(Map.of("x-ratelimit-reset-requests", "20ms",
                "x-ratelimit-reset-tokens", "6m0s")), "neither says which ran out: wait for both");
        assertEquals(Optional.of(Duration.ofMillis(250)), advice(Map.of("retry-after-ms", "250.0",
                "x-ratelimit-reset-tokens", "6m0s")));
        assertEquals(Optional.of(Duration.ofSeconds(3)), advice(Map.of("retry-after", "3",
                "x-ratelimit-reset-tokens", "1m")));
        assertEquals(Optional.empty(), advice(Map.of("retry-after-ms", "soon", "x-ratelimit-reset-tokens", "later")));
        assertEquals(RetryPolicy.MAX_RETRY_AFTER, advice(Map.of("retry-after-ms", "99999999")).orElseThrow());
    }

    @Test
    void aUsedUpQuotaIsNotRetriedAndSaysSo() {
        server.enqueueStatus(429, "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan "
                + "and billing details.\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}",
                Map.of("Retry-After", "1"));

        ProviderException e = assertThrows(ProviderException.class,
                () -> providers.patient(server.baseUrl(), KEY).chat(request()));

        assertEquals("LLM request failed: HTTP 429: You exceeded your current quota, please check your plan and "
                + "billing details. (code insufficient_quota); the account's quota is used up (see its plan and "
                + "billing), so it is not retried", e.getMessage());
        assertFalse(e.retryable());
        assertEquals(1, server.count("/chat/completions"));
        assertTrue(providers.sleeper.waits().isEmpty());
    }

    @Test
    void theServersErrorCodeAndTypeStandBesideItsMessage() {
        server.enqueueStatus(400, "{\"error\":{\"message\":\"Unknown parameter: 'foo'.\",\"type\":"
                + "\"invalid_request_error\",\"param\":\"foo\",\"code\":\"unknown_parameter\"}}", Map.of());

        ProviderException e = assertThrows(ProviderException.class,
                () -> providers.patient(server.baseUrl(), KEY).chat(request()));

        assertEquals("LLM request failed: HTTP 400: Unknown parameter: 'foo'. (code unknown_parameter, type "
                + "invalid_request_error)", e.getMessage());
        assertEquals("Unknown parameter: 'foo'. (code unknown_parameter, type invalid_request_error)", e.serverSaid());
    }

    @Test
    void rejectsApiBaseThatIsNotAnHttpUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> providers.provider("ftp://example.org/v1", KEY));

        assertTrue(e.getMessage().contains("http(s) URL"), e.getMessage());
    }

    private static Optional<Duration> advice(Map<String, String> headers) {
        return RetryAfter.advice(name -> headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst(), NOW);
    }

    private int port() {
        return Integer.parseInt(server.baseUrl().replaceAll(".*:(\\d+)/v1$", "$1"));
    }

    private static ChatRequest request() {
        return new ChatRequest("gpt-4o-mini", List.of(ChatMessage.user("hello")), List.of(), 256, 0.2);
    }
}
