package gomikrobot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Metrics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebServerTest {
    private TestServer server;
    private volatile boolean databaseUp = true;

    /** Echoes the "name" field of a JSON body, the way real handlers read bodies. */
    private static final HttpHandler ECHO = exchange -> {
        JsonObject body = Requests.body(exchange);
        Responses.json(exchange, 200, Map.of("name", Requests.string(body, "name"),
                "q", Requests.param(exchange, "q")));
    };

    private static final HttpHandler BROKEN = exchange -> {
        throw new IllegalStateException("secret internals at gomikrobot.Something.method(Something.java:42)");
    };

    @BeforeEach
    void start() throws IOException {
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("database", () -> databaseUp);
        Metrics metrics = new Metrics();
        server = TestServer.start(metrics, router -> {
            router.exact("/echo", ECHO, "POST");
            router.exact("/broken", BROKEN, "GET");
            new HealthHandler(checks).mount(router);
            new MetricsHandler(metrics).mount(router);
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void unknownPathIsJson404() throws Exception {
        HttpResponse<String> response = server.get("/no/such/thing");
        assertEquals(404, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("not found", TestServer.error(response));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void wrongMethodIsJson405WithAllowHeader() throws Exception {
        HttpResponse<String> response = server.get("/echo");
        assertEquals(405, response.statusCode());
        assertEquals("method not allowed", TestServer.error(response));
        assertEquals("POST, OPTIONS", response.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void headIsAllowedWhereGetIsAndHasNoBody() throws Exception {
        HttpResponse<String> response = server.method("HEAD", "/healthz");
        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
        assertEquals("16", response.headers().firstValue("Content-Length").orElse("")); // {"status":"ok"}\n
    }

    @Test
    void optionsAnswers200WithAllowAndNoCorsHeaderByDefault() throws Exception {
        HttpResponse<String> response = server.method("OPTIONS", "/echo", "Origin", "https://evil.example");
        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
        assertEquals("POST, OPTIONS", response.headers().firstValue("Allow").orElse(""));
        assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void bodyAndDecodedQueryReachTheHandler() throws Exception {
        HttpResponse<String> response = server.post("/echo?q=a%20b%2Fc", "{\"name\":\"Ada\",\"extra\":1}");
        assertEquals(200, response.statusCode());
        assertEquals("Ada", TestServer.json(response).string("name", ""));
        assertEquals("a b/c", TestServer.json(response).string("q", ""));
    }

    @Test
    void emptyMalformedOrNonObjectBodyIs400InvalidBody() throws Exception {
        for (String body : new String[] {"", "{not json", "[1,2]", "\"text\"", "{\"name\": true}"}) {
            HttpResponse<String> response = server.post("/echo", body);
            assertEquals(400, response.statusCode(), "body " + body);
            assertEquals("invalid body", TestServer.error(response), "body " + body);
        }
    }

    @Test
    void bodyOverOneMebibyteIs413() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(2 << 20) + "\"}";
        HttpResponse<String> response = server.post("/echo", big);
        assertEquals(413, response.statusCode());
        assertEquals("request body too large", TestServer.error(response));
    }

    @Test
    void chunkedBodyOverTheCapIs413Too() throws Exception {
        byte[] big = new byte[(1 << 20) + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpRequest.Builder request = server.request("/echo").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(big))); // unknown length: sent chunked
        HttpResponse<String> response = server.send(request);
        assertEquals(413, response.statusCode());
    }

    @Test
    void malformedChunkedBodyIs400BeforeTheHandlerAndTheConnectionCloses() throws Exception {
        for (String chunks : List.of("zz\r\nhello\r\n0\r\n\r\n", "5\r\nhelloXX", "3\r\nab")) {
            String response = server.raw("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: application/json\r\n\r\n" + chunks);
            assertTrue(response.startsWith("HTTP/1.1 400"), chunks + " -> " + response);
            assertTrue(response.contains("Connection: close"), response);
            assertTrue(response.contains("{\"error\":\"malformed or incomplete request body ("), response);
        }
        assertFalse(server.logged.toString().contains("http handler failed"), server.logged.toString());
    }

    @Test
    void bodyShorterThanItsContentLengthIs400() throws Exception {
        String response = server.raw("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n"
                + "Content-Type: application/json\r\n\r\n{\"name\":\"short\"}");
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertTrue(response.endsWith("send exactly Content-Length bytes, or valid chunked encoding ending in a "
                + "0-length chunk\"}\n"), response);
    }

    @Test
    void headersOver64KiBAre431WithAReadableAnswer() throws Exception {
        String big = "x".repeat(HeaderLimit.MAX_BYTES);
        String response = server.raw("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + big + "\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 431"), response.substring(0, Math.min(200, response.length())));
        assertTrue(response.contains("\"error\":\"request headers are "), response);
        String many = "X-Field: " + "y".repeat(1000) + "\r\n";
        String manyFields = server.raw("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + many.repeat(70) + "\r\n");
        assertTrue(manyFields.startsWith("HTTP/1.1 431"), manyFields.substring(0, 100));
        assertEquals(200, server.get("/healthz", "X-Small", "y".repeat(1000)).statusCode());
    }

    @Test
    void handlerFailureIs500JsonWithoutInternals() throws Exception {
        HttpResponse<String> response = server.get("/broken");
        assertEquals(500, response.statusCode());
        assertEquals("{\"error\":\"internal error\"}\n", response.body());
    }

    @Test
    void healthzIsOkAndReadyzReportsChecks() throws Exception {
        assertEquals("{\"status\":\"ok\"}\n", server.get("/healthz").body());
        HttpResponse<String> ready = server.get("/readyz");
        assertEquals(200, ready.statusCode());
        assertEquals("{\"status\":\"ready\",\"checks\":{\"database\":true}}\n", ready.body());
        databaseUp = false;
        HttpResponse<String> notReady = server.get("/readyz");
        assertEquals(503, notReady.statusCode());
        assertEquals("{\"status\":\"not_ready\",\"checks\":{\"database\":false}}\n", notReady.body());
    }

    @Test
    void metricsCountRequestsByRouteAndStatus() throws Exception {
        server.get("/healthz");
        server.get("/no/such/thing");
        HttpResponse<String> metrics = server.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.headers().firstValue("Content-Type").orElse(""));
        String text = metrics.body();
        assertTrue(text.contains("# TYPE gomikrobot_http_requests_total counter\n"), text);
        assertTrue(text.contains("gomikrobot_http_requests_total{server=\"test\",route=\"/healthz\",method=\"GET\",status=\"200\"} 1\n"), text);
        assertTrue(text.contains("gomikrobot_http_requests_total{server=\"test\",route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n"), text);
        assertTrue(text.contains("gomikrobot_http_request_duration_seconds_count{server=\"test\",route=\"/healthz\"} 1\n"), text);
    }

    @Test
    void accessLogWritesOneDebugLinePerRequestWithoutTheQuery() throws Exception {
        server.get("/healthz?token=abc123456");
        String log = server.logged.toString();
        for (int i = 0; i < 100 && !log.contains("path=/healthz"); i++) { // the line is written after the answer
            Thread.sleep(10);
            log = server.logged.toString();
        }
        assertTrue(log.contains("msg=\"http request\"") && log.contains("path=/healthz"), log);
        assertFalse(log.contains("abc123456"), log);
    }

    @Test
    void portInUseIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            PortInUseException e = assertThrows(PortInUseException.class, () -> WebServer.start("dashboard",
                    "127.0.0.1", port, new Router(), new RequestGuard(TestServer.config(null, java.util.List.of()),
                            path -> false), server.log, server.metrics));
            assertEquals("port " + port + " is already in use (another gomikrobot? try `make rerun`)", e.getMessage());
            assertEquals(port, e.port());
        }
    }

    @Test
    void startingAServerSetsReadTimeoutsForSlowClients() {
        assertEquals(Long.toString(WebServer.REQUEST_SECONDS), System.getProperty("sun.net.httpserver.maxReqTime"));
        assertEquals(Long.toString(WebServer.RESPONSE_SECONDS), System.getProperty("sun.net.httpserver.maxRspTime"));
        assertEquals(Long.toString(WebServer.IDLE_SECONDS), System.getProperty("sun.net.httpserver.idleInterval"));
    }
}
