package gomikrobot.provider;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The {@link HttpClient} for one provider base URL. For an {@code https://} base it is the JDK's default client.
 * For a plain {@code http://} base (a local Ollama, vLLM or LM Studio) nothing of TLS is set up: the JDK's client
 * otherwise initialises the default TLS context when it is built (the JSSE provider, cipher suites and the trust
 * store: about a third of a second and 7 MiB on the development machine), which is wasted on a server it only
 * ever reaches in clear text, and the first thing {@code agent -m} waited for. It is given a context that cannot
 * make a TLS connection instead; the transport never asks it to, since requests only go to the http base and
 * redirects are not followed.
 */
public final class ProviderClients {
    private ProviderClients() {
    }

    /** A client for requests to {@code apiBase} (blank means the OpenAI default, which is https). */
    public static HttpClient forBase(String apiBase, Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (isPlainHttp(apiBase)) {
            builder.sslContext(new ClearTextOnly()).sslParameters(new SSLParameters());
        }
        return builder.build();
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

    /** A TLS context that refuses to make connections: built without loading any TLS implementation. */
    private static final class ClearTextOnly extends SSLContext {
        ClearTextOnly() {
            super(new Refusing(), null, "none");
        }
    }

    private static final class Refusing extends SSLContextSpi {
        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("this client talks to a plain http:// provider and makes no TLS"
                    + " connections");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return new SSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return new SSLParameters();
        }
    }
}
