package gomikrobot.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link Wire} over {@link HttpURLConnection}, for plain {@code http://} servers only (see {@link Wire} for why).
 * HTTP/1.1; connections are kept alive and reused by the JDK once an answer is read to its end and closed. The
 * request timeout bounds the wait for the answer's head and every read after it. An interrupt of a virtual
 * thread that sends closes the socket; a platform thread's read ({@code agent -m}'s turn) does not hear it and
 * goes on until the answer or the timeout. Redirects are not followed, as by the other wire.
 */
final class ClassicWire implements Wire {
    private final int connectMillis;

    ClassicWire(Duration connectTimeout) {
        this.connectMillis = Math.toIntExact(connectTimeout.toMillis());
    }

    @Override
    public Exchanged send(Outgoing request) throws IOException, InterruptedException {
        HttpURLConnection connection = (HttpURLConnection) request.uri().toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout(connectMillis);
        connection.setReadTimeout(Math.toIntExact(request.timeout().toMillis()));
        connection.setRequestMethod(request.method());
        connection.setRequestProperty("Accept", "*/*"); // the class's default names HTML and images
        request.headers().forEach(connection::setRequestProperty);
        // the body is handed over whole, not in streaming mode: in that mode a 401's error body (the server's
        // reason) is thrown away
        connection.setDoOutput(request.body() != null);
        try {
            connect(connection);
            if (request.body() != null) {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(request.body());
                }
            }
            int status = connection.getResponseCode();
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return answered(connection, status, body == null ? InputStream.nullInputStream() : body);
        } catch (SocketTimeoutException e) {
            connection.disconnect();
            throw new HttpTimeoutException("request timed out");
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            if (Thread.interrupted()) { // the socket was closed under an interrupted virtual thread
                throw new InterruptedException("request interrupted");
            }
            throw e;
        }
    }

    @Override
    public void close() {
        // connections are the JDK's to keep alive or drop: nothing of this wire outlives a request
    }

    private static void connect(HttpURLConnection connection) throws IOException {
        try {
            connection.connect();
        } catch (SocketTimeoutException e) {
            throw new HttpConnectTimeoutException("connect timed out");
        }
    }

    private static Exchanged answered(HttpURLConnection connection, int status, InputStream body) {
        return new Exchanged() {
            @Override
            public int status() {
                return status;
            }

            @Override
            public Optional<String> header(String name) {
                return Optional.ofNullable(connection.getHeaderField(name));
            }

            @Override
            public InputStream body() {
                return body;
            }

            @Override
            public void close() throws IOException {
                body.close();
            }
        };
    }
}
