package gomikrobot.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.ProviderConfig;
import gomikrobot.observe.Log;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.testing.RecordedRequest;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A plain {@code http://} provider is spoken to over the classic wire, in HTTP/1.1, without an h2c offer. */
class WireTest {
    private static final String KEY = "sk-test-plain-http-0001";
    private static final Duration CONNECT = Duration.ofSeconds(5);

    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theProductionProviderOffersNoH2cUpgradeToAPlainHttpServer() {
        try (OpenAiCompatibleProvider provider = OpenAiCompatibleProvider.create(new ProviderConfig(KEY,
                server.baseUrl()), Log.quiet())) {
            assertEquals("echo: hi", provider.chat(request()).content());
        }

        assertOfferedNoUpgrade(server.last("/chat/completions"));
        assertEquals("Bearer " + KEY, server.last("/chat/completions").header("Authorization"));
    }

    @Test
    void anyClientGivenToTheProviderSpeaksHttp11ToAPlainHttpBase() {
        HttpClient http2ByDefault = HttpClient.newHttpClient();
        assertEquals(HttpClient.Version.HTTP_2, http2ByDefault.version());

        new TestProviders().provider(new ProviderConfig(KEY, server.baseUrl()), 0, Wire.of(http2ByDefault))
                .embed(List.of("a text"), null);

        assertOfferedNoUpgrade(server.last("/embeddings"));
    }

    @Test
    void aPlainHttpBaseGetsTheClassicWireAndAnyOtherTheJdkClient() {
        assertInstanceOf(ClassicWire.class, Wire.forBase("http://127.0.0.1:11434/v1", CONNECT));
        assertInstanceOf(ClassicWire.class, Wire.forBase(" HTTP://localhost:8000/v1 ", CONNECT));
        assertInstanceOf(JdkWire.class, Wire.forBase("https://api.openai.com/v1", CONNECT));
        assertInstanceOf(JdkWire.class, Wire.forBase("", CONNECT), "blank means OpenAI, over https");
        assertFalse(Wire.isPlainHttp("HTTPS://example.org/v1"));
        assertFalse(Wire.isPlainHttp("not a url at all"));
        assertTrue(Wire.isPlainHttp("http://ollama:11434/v1"));
    }

    @Test
    void anInterruptEndsAClassicRequestStillWaitingForItsAnswer() throws Exception {
        server.setEmbeddingDelay(Duration.ofSeconds(30)); // the memory's time box interrupts such a call
        OpenAiCompatibleProvider provider = TestProviders.classic().patient(server.baseUrl(), KEY);
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread call = Thread.ofVirtual().start(() -> {
            try {
                provider.embed(List.of("a text"), null);
                ended.complete(null);
            } catch (Throwable t) {
                ended.complete(t);
            }
        });
        for (int i = 0; i < 500 && server.count("/embeddings") == 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(1, server.count("/embeddings"), "the request reached the server");

        call.interrupt();

        ProviderException e = assertInstanceOf(ProviderException.class, ended.get(10, TimeUnit.SECONDS));
        assertEquals("Embeddings request interrupted", e.getMessage());
        assertFalse(e.retryable());
    }

    private static void assertOfferedNoUpgrade(RecordedRequest sent) {
        assertNull(sent.header("Upgrade"), "no h2c upgrade offered");
        assertNull(sent.header("HTTP2-Settings"));
    }

    private static ChatRequest request() {
        return new ChatRequest("gpt-4o-mini", List.of(ChatMessage.user("hi")), List.of(), 100, 0.7);
    }
}
