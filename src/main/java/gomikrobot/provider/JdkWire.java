package gomikrobot.provider;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link Wire} over the JDK's {@link HttpClient}. A request to a plain {@code http://} URL is HTTP/1.1: the client
 * would otherwise offer an {@code Upgrade: h2c} on it, which some OpenAI-compatible servers (uvicorn-based ones
 * among them) mishandle.
 */
final class JdkWire implements Wire {
    private final HttpClient http;

    JdkWire(HttpClient http) {
        this.http = http;
    }

    @Override
    public Exchanged send(Outgoing request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(request.timeout());
        if ("http".equalsIgnoreCase(request.uri().getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        request.headers().forEach(builder::header);
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        CompletableFuture<HttpResponse<InputStream>> pending = http.sendAsync(builder.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try {
            return answered(pending.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException("request timed out");
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException bug) {
                throw bug; // a bad request (an illegal header): not worth another try
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    @Override
    public void close() {
        http.close(); // its selector thread ends, and a one-shot process can exit at once
    }

    private static Exchanged answered(HttpResponse<InputStream> response) {
        return new Exchanged() {
            @Override
            public int status() {
                return response.statusCode();
            }

            @Override
            public Optional<String> header(String name) {
                return response.headers().firstValue(name);
            }

            @Override
            public InputStream body() {
                return response.body();
            }

            @Override
            public void close() throws IOException {
                response.body().close();
            }
        };
    }
}
