package gomikrobot.provider;

import gomikrobot.config.ProviderConfig;
import gomikrobot.observe.Log;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends requests to one OpenAI-compatible endpoint and retries what is worth retrying (429, 5xx, connection
 * failures, timeouts) under a {@link RetryPolicy}. It alone sees the API key: every exception it builds has the
 * key scrubbed from its message, and a 2xx answer is the only thing it returns. How a request travels is the
 * {@link Wire}'s business.
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
    private final Wire wire;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Log log;

    HttpTransport(ProviderConfig config, Wire wire, RetryPolicy retry, Duration requestTimeout, Clock clock,
                  Log log) {
        this.base = normaliseBase(config.apiBase());
        this.apiKey = config.hasKey() ? config.apiKey().strip() : null;
        this.appUrl = config.appUrl().strip();
        this.appName = config.appName().strip();
        this.wire = Objects.requireNonNull(wire, "wire");
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
        Wire.Outgoing request = request("POST", path, Map.of("Content-Type", contentType), body);
        return send(op, () -> attempt(op, request, this::whole));
    }

    Answer get(Operation op, String path) {
        Wire.Outgoing request = request("GET", path, Map.of(), null);
        return send(op, () -> attempt(op, request, this::whole));
    }

    /** As {@link #post}, asking for server-sent events; failures before the answer's headers are retried. */
    Opened open(Operation op, String path, String contentType, byte[] body) {
        Wire.Outgoing request = request("POST", path, Map.of("Content-Type", contentType,
                "Accept", "text/event-stream"), body);
        return send(op, () -> attempt(op, request, this::opened));
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

    /** Releases the wire once nothing is in flight, so that a one-shot process can exit at once. */
    void close() {
        wire.close();
    }

    // ---- private helpers ----

    private Wire.Outgoing request(String method, String path, Map<String, String> fixed, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>(fixed);
        if (apiKey != null) {
            headers.put("Authorization", "Bearer " + apiKey);
        }
        // OpenRouter's attribution: X-OpenRouter-Title is its current name for the title, X-Title the older one
        if (!appUrl.isEmpty()) {
            headers.put("HTTP-Referer", appUrl);
        }
        if (!appName.isEmpty()) {
            headers.put("X-OpenRouter-Title", appName);
            headers.put("X-Title", appName);
        }
        return new Wire.Outgoing(method, URI.create(base + path), headers, body, requestTimeout);
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
     * One try: the answer's head within the request timeout, then {@code judge} reads its body, whose reads fail
     * once nothing arrives for that long ({@link StallGuard}: a body that stalls half way fails too).
     */
    private <T> Attempt<T> attempt(Operation op, Wire.Outgoing request,
                                   BiFunction<Operation, Wire.Exchanged, Attempt<T>> judge) {
        try {
            return judge.apply(op, wire.send(request));
        } catch (IOException e) {
            return new Attempt.Failed<>(transportFailure(op, e), Optional.empty());
        } catch (RuntimeException e) { // a bad request (an illegal header): a bug another try would not repair
            return new Attempt.Failed<>(transportFailure(op, e), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(op.label() + " request interrupted", 0, false);
        }
    }

    private Attempt<Answer> whole(Operation op, Wire.Exchanged response) {
        int status = response.status();
        byte[] body;
        try (InputStream in = new StallGuard(response.body(), requestTimeout)) {
            body = in.readAllBytes();
        } catch (IOException e) {
            return new Attempt.Failed<>(transportFailure(op, e), Optional.empty());
        }
        if (status >= 200 && status < 300) {
            return new Attempt.Answered<>(new Answer(status, body));
        }
        return failed(op, status, response::header, body);
    }

    private Attempt<Opened> opened(Operation op, Wire.Exchanged response) {
        int status = response.status();
        InputStream body = new StallGuard(response.body(), requestTimeout);
        if (status >= 200 && status < 300) {
            return new Attempt.Answered<>(new Opened(status, response.header("Content-Type").orElse(""), body));
        }
        byte[] said;
        try (body) {
            said = body.readNBytes(MAX_ERROR_BYTES);
        } catch (IOException e) {
            said = new byte[0]; // the status alone still says what failed
        }
        return failed(op, status, response::header, said);
    }

    /**
     * A failed answer: the server's message with its error code and type; retried on 429 and 5xx after the wait
     * its headers ask for, except a 429 for a used-up quota, which no wait repairs.
     */
    private <T> Attempt<T> failed(Operation op, int status, Function<String, Optional<String>> headers, byte[] body) {
        ErrorText.Said said = ErrorText.read(body);
        boolean quotaGone = status == 429 && said.names("insufficient_quota");
        String message = op.label() + " request failed: HTTP " + status + (said.isEmpty() ? "" : ": " + said.describe())
                + (quotaGone ? "; the account's quota is used up (see its plan and billing), so it is not retried"
                : "");
        boolean retryable = !quotaGone && (status == 429 || status >= 500 && status <= 599);
        Optional<Duration> retryAfter = RetryAfter.advice(headers, clock.instant());
        return new Attempt.Failed<>(new ProviderException(scrub(message), status, retryable, scrub(said.describe()),
                null), retryAfter);
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
            case SocketTimeoutException t -> "no answer from " + hostPort() + " within " + requestTimeout.toMillis() + " ms";
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
