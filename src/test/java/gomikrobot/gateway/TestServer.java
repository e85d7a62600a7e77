package gomikrobot.gateway;

import gomikrobot.config.GatewayConfig;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** A real gateway server on 127.0.0.1, a free port, and an HttpClient to talk to it. */
final class TestServer implements AutoCloseable {
    final WebServer server;
    final Metrics metrics;
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    final Log log = new Log(Log.Level.DEBUG, false, new PrintStream(logged, true, StandardCharsets.UTF_8),
            Clock.systemUTC(), Set.of());
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(GatewayConfig config, Metrics metrics, Consumer<Router> routes) throws IOException {
        this.metrics = metrics;
        Router router = new Router();
        routes.accept(router);
        server = WebServer.start("test", "127.0.0.1", 0, router,
                new RequestGuard(config, StaticHandler::isPublicPath), log, metrics);
    }

    static TestServer start(Consumer<Router> routes) throws IOException {
        return start(config(null, List.of()), routes);
    }

    static TestServer start(GatewayConfig config, Consumer<Router> routes) throws IOException {
        return new TestServer(config, new Metrics(), routes);
    }

    static TestServer start(Metrics metrics, Consumer<Router> routes) throws IOException {
        return new TestServer(config(null, List.of()), metrics, routes);
    }

    static GatewayConfig config(String token, List<String> corsOrigins) {
        return new GatewayConfig("127.0.0.1", 0, 0, token, corsOrigins);
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        return send(request(pathAndQuery, headers).GET());
    }

    HttpResponse<String> post(String pathAndQuery, String body, String... headers) throws Exception {
        return send(request(pathAndQuery, headers).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> method(String method, String pathAndQuery, String... headers) throws Exception {
        return send(request(pathAndQuery, headers).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String pathAndQuery, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
        return headers.length == 0 ? builder : builder.headers(headers);
    }

    /**
     * Sends raw bytes over a socket (HttpClient refuses to set Host, or to send a broken body), closes the
     * sending side, and returns the whole response text: the server must answer and then close the connection.
     */
    String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static JsonObject json(HttpResponse<String> response) {
        return Json.parseObject(response.body());
    }

    static String error(HttpResponse<String> response) {
        return json(response).string("error", "(no error field)");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
