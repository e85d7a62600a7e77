package gomikrobot.provider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How one request reaches a provider's server and its answer's head comes back; retries, errors and secrets are
 * {@link HttpTransport}'s business. Two ways, chosen by the base URL ({@link #forBase}): an {@code https://}
 * server gets the JDK's {@link HttpClient}; a plain {@code http://} one (a local Ollama, vLLM or LM Studio) gets
 * the classic {@link java.net.HttpURLConnection}. The modern client costs a one-shot process about half a second
 * of CPU before its first request (some 150 classes and 120 lambdas, a selector thread, and the TLS set-up it
 * does even for clear text: measured on the development machine); the classic one is mostly in the JDK's
 * class-data archive already. That difference is most of what {@code agent -m} against a local model took.
 */
public sealed interface Wire extends AutoCloseable permits JdkWire, ClassicWire {

    /** A request: {@code body} is null for a GET. Headers are sent as given, in order. */
    record Outgoing(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
    }

    /** An answer whose head has arrived; its body is read as it comes. Closing it ends the exchange. */
    interface Exchanged extends AutoCloseable {
        int status();

        /** The first value of a response header, by case-insensitive name. */
        Optional<String> header(String name);

        InputStream body();

        @Override
        void close() throws IOException;
    }

    /**
     * Sends {@code request} and waits at most its timeout for the answer's head. A timeout fails with an
     * {@link java.net.http.HttpTimeoutException} ({@link java.net.http.HttpConnectTimeoutException} when even
     * the connection was not made). An interrupt abandons the exchange, except that the classic wire's read on
     * a platform thread waits for its timeout.
     */
    Exchanged send(Outgoing request) throws IOException, InterruptedException;

    /** Releases the connections; nothing may be in flight. */
    @Override
    void close();

    /** The wire for {@code apiBase} (blank means the OpenAI default, which is https). */
    static Wire forBase(String apiBase, Duration connectTimeout) {
        return isPlainHttp(apiBase) ? new ClassicWire(connectTimeout)
                : new JdkWire(HttpClient.newBuilder().connectTimeout(connectTimeout).build());
    }

    /** A wire over a client the caller built (tests, or a client with its own proxy or TLS settings). */
    static Wire of(HttpClient client) {
        return new JdkWire(client);
    }

    /** Whether {@code apiBase} is an {@code http://} URL (not https, not blank, not malformed). */
    static boolean isPlainHttp(String apiBase) {
        try {
            String scheme = apiBase == null ? null : URI.create(apiBase.strip()).getScheme();
            return scheme != null && scheme.toLowerCase(Locale.ROOT).equals("http");
        } catch (IllegalArgumentException e) {
            return false; // HttpTransport rejects a malformed base with its own message
        }
    }
}
