package gomikrobot.channels.whatsapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for WhatsApp's media host on a loopback port: serves encrypted bodies whole, without a length, cut
 * short, or stalled halfway until {@link #release} or close (then cut short); counts the requests it got.
 */
final class MediaServer implements AutoCloseable {
    enum Mode { WHOLE, CHUNKED, CUT_SHORT, STALL, GONE }

    private record Served(byte[] body, Mode mode) {
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Served> files = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);

    MediaServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Accepts this server's addresses only, as production accepts WhatsApp's media hosts only. */
    static boolean isLocal(URI url) {
        return "http".equals(url.getScheme())
                && InetAddress.getLoopbackAddress().getHostAddress().equals(url.getHost());
    }

    URI serve(String name, byte[] body, Mode mode) {
        files.put("/" + name, new Served(body, mode));
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + "/" + name);
    }

    int requests() {
        return requests.get();
    }

    /** Lets stalled answers end (without the rest of their body). */
    void release() {
        released.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        Served served = files.getOrDefault(exchange.getRequestURI().getPath(), new Served(new byte[0], Mode.GONE));
        byte[] body = served.body();
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            switch (served.mode()) {
                case WHOLE -> {
                    exchange.sendResponseHeaders(200, body.length);
                    out.write(body);
                }
                case CHUNKED -> {
                    exchange.sendResponseHeaders(200, 0);
                    out.write(body);
                }
                case CUT_SHORT -> {
                    exchange.sendResponseHeaders(200, body.length);
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    throw new ConnectionDropped();
                }
                case STALL -> {
                    exchange.sendResponseHeaders(200, body.length);
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    released.await(60, TimeUnit.SECONDS);
                    throw new ConnectionDropped();
                }
                case GONE -> exchange.sendResponseHeaders(404, -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a client that gave up: the point of the stalled mode
        }
    }

    /** Thrown by a handler, it makes the server drop the connection, as a network failure would. */
    private static final class ConnectionDropped extends RuntimeException {
        ConnectionDropped() {
            super("body cut short on purpose", null, false, false);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        handlers.shutdownNow();
    }
}
