package gomikrobot.provider;

import gomikrobot.config.ProviderConfig;
import gomikrobot.observe.Log;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
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

/**
 * Sends requests to one OpenAI-compatible endpoint and retries what is worth retrying (429, 5xx, connection
 * failures, timeouts) under a {@link RetryPolicy}. It alone sees the API key: every exception it builds has the
 * key scrubbed from its message, and a 2xx answer is the only thing it returns. Requests to a plain
 * {@code http://} base are HTTP/1.1: the JDK's client would otherwise offer an {@code Upgrade: h2c} on them,
 * which some OpenAI-compatible servers (uvicorn-based ones among them) mishandle.
 */
final class HttpTransport {
    static final String DEFAULT_API_BASE = "https://api.openai.com/v1";
    static final String OPENROUTER_REFERER = "https://github.com/kamir/nanobot";
    static final String OPENROUTER_TITLE = "GoMikroBot";
    private static final String REDACTED = "[REDACTED]";

    private final String base;
    private final String apiKey;
    private final boolean openRouter;
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
        this.openRouter = URI.create(base).getHost().toLowerCase(Locale.ROOT).endsWith("openrouter.ai");
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

    Answer post(Operation op, String path, String contentType, byte[] body) {
        return send(op, request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Answer get(Operation op, String path) {
        return send(op, request(path).GET().build());
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
        if (openRouter) {
            builder.header("HTTP-Referer", OPENROUTER_REFERER).header("X-Title", OPENROUTER_TITLE);
        }
        return builder;
    }

    private Answer send(Operation op, HttpRequest request) {
        for (int attempt = 1; ; attempt++) {
            Attempt outcome = attemptOnce(op, request);
            switch (outcome) {
                case Attempt.Answered answered -> {
                    return answered.answer();
                }
                case Attempt.Failed failed -> {
                    ProviderException error = failed.error();
                    if (!error.retryable()) {
                        throw error;
                    }
                    if (attempt > retry.maxRetries()) {
                        throw attempt == 1 ? error : new ProviderException(error.getMessage() + " (" + attempt
                                + " attempts)", error.status(), true, error.getCause());
                    }
                    Duration wait = retry.delay(attempt - 1, failed.retryAfter());
                    log.warn("Provider call failed, retrying", "operation", op.label(), "attempt", attempt,
                            "status", error.status(), "error", error.getMessage(), "delay_ms", wait.toMillis());
                    pause(op, wait);
                }
            }
        }
    }

    private Attempt attemptOnce(Operation op, HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            // the request timeout covers the headers only; this one also covers a body that stalls half way
            HttpResponse<byte[]> response = pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return judge(op, response);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new Attempt.Failed(timedOut(op), Optional.empty());
        } catch (ExecutionException e) {
            return new Attempt.Failed(transportFailure(op, e.getCause()), Optional.empty());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderException(op.label() + " request interrupted", 0, false);
        }
    }

    private Attempt judge(Operation op, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Attempt.Answered(new Answer(status, response.body()));
        }
        String said = ErrorText.fromBody(response.body() == null ? new byte[0] : response.body());
        String message = op.label() + " request failed: HTTP " + status + (said.isEmpty() ? "" : ": " + said);
        boolean retryable = status == 429 || status >= 500 && status <= 599;
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                .flatMap(value -> RetryAfter.parse(value, clock.instant()));
        return new Attempt.Failed(new ProviderException(scrub(message), status, retryable), retryAfter);
    }

    private ProviderException timedOut(Operation op) {
        return new ProviderException(op.label() + " request failed: no answer from " + hostPort() + " within "
                + requestTimeout.toMillis() + " ms", 0, true);
    }

    private ProviderException transportFailure(Operation op, Throwable cause) {
        String message = switch (cause) {
            case HttpConnectTimeoutException t -> "cannot connect to " + hostPort() + ": connect timed out";
            case HttpTimeoutException t -> "no answer from " + hostPort() + " within " + requestTimeout.toMillis() + " ms";
            case ConnectException c -> "cannot connect to " + hostPort()
                    + (c.getMessage() == null ? "" : ": " + ErrorText.oneLine(c.getMessage()));
            case IOException io -> io.getClass().getSimpleName()
                    + (io.getMessage() == null ? "" : ": " + ErrorText.oneLine(io.getMessage()));
            default -> "unexpected " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + ErrorText.oneLine(cause.getMessage()));
        };
        // anything but an I/O failure is a bug or a bad request (for example an illegal header): retrying won't help
        boolean retryable = cause instanceof IOException;
        return new ProviderException(scrub(op.label() + " request failed: " + message), 0, retryable, cause);
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
    private sealed interface Attempt {
        record Answered(Answer answer) implements Attempt {
        }

        record Failed(ProviderException error, Optional<Duration> retryAfter) implements Attempt {
        }
    }
}
