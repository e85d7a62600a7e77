package gomikrobot.provider;

import gomikrobot.config.ProviderConfig;
import gomikrobot.observe.Log;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Sends requests to one OpenAI-compatible endpoint and retries what is worth retrying (429, 5xx, connection
 * failures, timeouts) under a {@link RetryPolicy}. It alone sees the API key: every exception it builds has the
 * key scrubbed from its message, and a 2xx answer is the only thing it returns. Requests to a plain
 * {@code http://} base are HTTP/1.1: the JDK's client would otherwise offer an {@code Upgrade: h2c} on them,
 * which some OpenAI-compatible servers (uvicorn-based ones among them) mishandle.
 */
final class HttpTransport {
    static final String DEFAULT_API_BASE = "https://api.openai.com/v1";
    private static final String REDACTED = "[REDACTED]";
    /** How much of a failed streamed answer is read: an error object, or the start of a proxy's page. */
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final String base;
    private final String apiKey;
    private final String appUrl;
    private final String appName;
    private final boolean plainHttp;
    private final HttpClient http;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Log log;

    HttpTransport(ProviderConfig config, HttpClient http, RetryPolicy retry, Duration requestTimeout, Clock clock,
                  Log log) {
        this.base = normaliseBase(config.apiBase());
        this.apiKey = config.hasKey() ? config.apiKey().strip() : null;
        this.appUrl = config.appUrl().strip();
        this.appName = config.appName().strip();
        this.plainHttp = ProviderClients.isPlainHttp(base);
        this.http = Objects.requireNonNull(http, "http");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, got " + requestTimeout);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** A successful answer: its status and body. */
    record Answer(int status, byte[] body) {
    }

    /**
     * A successful answer whose body is read as it arrives (a stream of events, or a whole body from a server
     * that does not stream); a read that waits longer than the request timeout fails. Close it when done.
     */
    record Opened(int status, String contentType, InputStream body) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    Answer post(Operation op, String path, String contentType, byte[] body) {
        HttpRequest request = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return send(op, () -> attempt(op, request, HttpResponse.BodyHandlers.ofByteArray(), this::whole));
    }

    Answer get(Operation op, String path) {
        HttpRequest request = request(path).GET().build();
        return send(op, () -> attempt(op, request, HttpResponse.BodyHandlers.ofByteArray(), this::whole));
    }

    /** As {@link #post}, asking for server-sent events; failures before the answer's headers are retried. */
    Opened open(Operation op, String path, String contentType, byte[] body) {
        HttpRequest request = request(path).header("Content-Type", contentType).header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return send(op, () -> attempt(op, request, HttpResponse.BodyHandlers.ofInputStream(), this::opened));
    }

    /** A failure that happened while a streamed answer was being read: never retried (some of it was used). */
    ProviderException broken(Operation op, IOException cause) {
        return new ProviderException(scrub(op.label() + " request failed: the answer broke off: " + describe(cause)),
                0, false, cause);
    }

    /** A failure about the content of a 2xx answer: never retried. */
    ProviderException malformed(Operation op, int status, String detail) {
        return new ProviderException(scrub(op.label() + " answered with malformed JSON: " + ErrorText.oneLine(detail)),
                status, false);
    }

    String base() {
        return base;
    }

    /** Shuts the client down once nothing is in flight: its selector thread ends, and the process can exit at once. */
    void close() {
        http.close();
    }

    // ---- private helpers ----

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout);
        if (plainHttp) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        // OpenRouter's attribution: X-OpenRouter-Title is its current name for the title, X-Title the older one
        if (!appUrl.isEmpty()) {
            builder.header("HTTP-Referer", appUrl);
        }
        if (!appName.isEmpty()) {
            builder.header("X-OpenRouter-Title", appName).header("X-Title", appName);
        }
        return builder;
    }

    private <T> T send(Operation op, Supplier<Attempt<T>> once) {
        for (int attempt = 1; ; attempt++) {
            switch (once.get()) {
                case Attempt.Answered<T>(T value) -> {
                    return value;
                }
                case Attempt.Failed<T> failed -> {
                    ProviderException error = failed.error();
                    if (!error.retryable()) {
                        throw error;
                    }
                    if (attempt > retry.maxRetries()) {
                        throw attempt == 1 ? error : new ProviderException(error.getMessage() + " (" + attempt
                                + " attempts)", error.status(), true, error.serverSaid(), error.getCause());
                    }
                    Duration wait = retry.delay(attempt - 1, failed.retryAfter());
                    log.warn("Provider call failed, retrying", "operation", op.label(), "attempt", attempt,
                            "status", error.status(), "error", error.getMessage(), "delay_ms", wait.toMillis());
                    pause(op, wait);
                }
            }
        }
    }

    /**
     * One try. For a whole body the wait covers a body that stalls half way too; for a streamed one, the headers
     * (its reads are guarded by {@link StallGuard}).
     */
    private <B, T> Attempt<T> attempt(Operation op, HttpRequest request, HttpResponse.BodyHandler<B> handler,
                                      BiFunction<Operation, HttpResponse<B>, Attempt<T>> judge) {
        CompletableFuture<HttpResponse<B>> pending = http.sendAsync(request, handler);
        try {
            return judge.apply(op, pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new Attempt.Failed<>(timedOut(op), Optional.empty());
        } catch (ExecutionException e) {
            return new Attempt.Failed<>(transportFailure(op, e.getCause()), Optional.empty());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderException(op.label() + " request interrupted", 0, false);
        }
    }

    private Attempt<Answer> whole(Operation op, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Attempt.Answered<>(new Answer(status, response.body()));
        }
        return failed(op, status, response.headers(), response.body() == null ? new byte[0] : response.body());
    }

    private Attempt<Opened> opened(Operation op, HttpResponse<InputStream> response) {
        int status = response.statusCode();
        InputStream body = new StallGuard(response.body(), requestTimeout);
        if (status >= 200 && status < 300) {
            return new Attempt.Answered<>(new Opened(status,
                    response.headers().firstValue("Content-Type").orElse(""), body));
        }
        byte[] said;
        try (body) {
            said = body.readNBytes(MAX_ERROR_BYTES);
        } catch (IOException e) {
            said = new byte[0]; // the status alone still says what failed
        }
        return failed(op, status, response.headers(), said);
    }

    /**
     * A failed answer: the server's message with its error code and type; retried on 429 and 5xx after the wait
     * its headers ask for, except a 429 for a used-up quota, which no wait repairs.
     */
    private <T> Attempt<T> failed(Operation op, int status, HttpHeaders headers, byte[] body) {
        ErrorText.Said said = ErrorText.read(body);
        boolean quotaGone = status == 429 && said.names("insufficient_quota");
        String message = op.label() + " request failed: HTTP " + status + (said.isEmpty() ? "" : ": " + said.describe())
                + (quotaGone ? "; the account's quota is used up (see its plan and billing), so it is not retried"
                : "");
        boolean retryable = !quotaGone && (status == 429 || status >= 500 && status <= 599);
        Optional<Duration> retryAfter = RetryAfter.advice(headers::firstValue, clock.instant());
        return new Attempt.Failed<>(new ProviderException(scrub(message), status, retryable, scrub(said.describe()),
                null), retryAfter);
    }

    private ProviderException timedOut(Operation op) {
        return new ProviderException(op.label() + " request failed: no answer from " + hostPort() + " within "
                + requestTimeout.toMillis() + " ms", 0, true);
    }

    private ProviderException transportFailure(Operation op, Throwable cause) {
        // anything but an I/O failure is a bug or a bad request (for example an illegal header): retrying won't help
        boolean retryable = cause instanceof IOException;
        return new ProviderException(scrub(op.label() + " request failed: " + describe(cause)), 0, retryable, cause);
    }

    private String describe(Throwable cause) {
        return switch (cause) {
            case HttpConnectTimeoutException t -> "cannot connect to " + hostPort() + ": connect timed out";
            case HttpTimeoutException t -> "no answer from " + hostPort() + " within " + requestTimeout.toMillis() + " ms";
            case ConnectException c -> "cannot connect to " + hostPort()
                    + (c.getMessage() == null ? "" : ": " + ErrorText.oneLine(c.getMessage()));
            case IOException io -> io.getClass().getSimpleName()
                    + (io.getMessage() == null ? "" : ": " + ErrorText.oneLine(io.getMessage()));
            default -> "unexpected " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + ErrorText.oneLine(cause.getMessage()));
        };
    }

    private void pause(Operation op, Duration wait) {
        try {
            retry.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(op.label() + " request interrupted while waiting to retry", 0, false);
        }
    }

    private String hostPort() {
        URI uri = URI.create(base);
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private String scrub(String message) {
        return apiKey == null ? message : message.replace(apiKey, REDACTED);
    }

    private static String normaliseBase(String apiBase) {
        String text = apiBase == null || apiBase.isBlank() ? DEFAULT_API_BASE : apiBase.strip();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("provider apiBase is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("provider apiBase must be an http(s) URL with a host, got: " + text);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("provider apiBase must not carry a query, fragment or credentials: "
                    + uri.getScheme() + "://" + uri.getHost());
        }
        return text;
    }

    /** The result of one try: an answer to hand back, or a failure that may be worth another try. */
    private sealed interface Attempt<T> {
        record Answered<T>(T value) implements Attempt<T> {
        }

        record Failed<T>(ProviderException error, Optional<Duration> retryAfter) implements Attempt<T> {
        }
    }
}
