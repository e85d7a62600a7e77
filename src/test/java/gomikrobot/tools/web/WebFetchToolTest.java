package gomikrobot.tools.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import gomikrobot.config.WebSearchConfig;
import gomikrobot.config.WebToolsConfig;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.tools.ToolContext;
import gomikrobot.tools.ToolResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * web_fetch against a real HTTP server on loopback. The server is reached as {@code localhost}, which the tests
 * allow through {@code tools.web.allowPrivate}; redirects to every other private address must still be refused,
 * and refused before any connection is made.
 */
class WebFetchToolTest {
    private static final String PAGE = """
            <!DOCTYPE html><html><head><title>Test &amp; page</title>
            <style>body { color: red; }</style><script>var secret = "in a script";</script></head>
            <body><h1>Main heading</h1><p>First   paragraph with <b>bold</b> text.</p>
            <div hidden>hidden text</div><p style="display: none">invisible text</p>
            <ul><li>first item</li><li>second item<li>third item</ul>
            <p>See <a href="/about">About us</a> and <a href="https://example.org/x">https://example.org/x</a>.</p>
            <noscript>enable scripts</noscript><template><p>template text</p></template>
            </body></html>""";

    @TempDir
    Path tmp;
    private HttpServer server;
    private final List<String> served = new CopyOnWriteArrayList<>();
    private int port;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsAPageAsTextWithTitleHeadingsListsAndLinks() {
        String text = ok(fetch("http://localhost:" + port + "/page"));
        assertTrue(text.startsWith("URL: http://localhost:" + port + "/page\n"), text);
        assertTrue(text.contains("Content-Type: text/html; charset=utf-8\n"), text);
        assertTrue(text.contains("Title: Test & page\n"), text);
        assertTrue(text.contains("# Main heading\n\nFirst paragraph with bold text."), text);
        assertTrue(text.contains("- first item\n- second item\n- third item"), text);
        assertTrue(text.contains("See About us (http://localhost:" + port + "/about) and https://example.org/x."), text);
        for (String dropped : List.of("secret", "color", "hidden text", "invisible", "enable scripts", "template")) {
            assertFalse(text.contains(dropped), dropped + " must be dropped: " + text);
        }
    }

    @Test
    void redirectsToLoopbackMetadataPrivateAndIpv6LoopbackAreRefusedBeforeConnecting() {
        Map<String, String> cases = Map.of(
                "/to-loopback", "127.0.0.1, a loopback address",
                "/to-metadata", "169.254.169.254, a cloud metadata address",
                "/to-private", "10.0.0.1, a private address",
                "/to-ipv6-loopback", "0:0:0:0:0:0:0:1, a loopback address");
        cases.forEach((path, reason) -> {
            ToolResult result = fetch("http://localhost:" + port + path);
            ToolResult.Denied denied = assertInstanceOf(ToolResult.Denied.class, result, path + ": " + result);
            assertTrue(denied.rule().contains(reason), path + ": " + denied.rule());
        });
        assertEquals(List.of("/to-ipv6-loopback", "/to-loopback", "/to-metadata", "/to-private"),
                served.stream().sorted().toList(), "only the redirecting requests reached a server");
    }

    @Test
    void loopbackAddressesAreRefusedUnlessTheHostIsAllowed() {
        ToolResult result = fetch("http://127.0.0.1:" + port + "/page");
        assertTrue(assertInstanceOf(ToolResult.Denied.class, result).rule().contains("tools.web.allowPrivate"));
        assertTrue(served.isEmpty());
    }

    @Test
    void aTenMebibyteBodyIsCutAtTheCapAndTheTextAtMaxChars() {
        String text = ok(fetch("http://localhost:" + port + "/big"));
        assertTrue(text.contains("Note: the body is longer than 2 MiB; only its first 2 MiB were read."), text.substring(0, 300));
        assertTrue(text.endsWith("[cut: the first 50000 of " + WebFetcher.BODY_CAP
                + " characters are shown; call again with a larger max_chars for more]"), text.substring(text.length() - 200));
    }

    @Test
    void gzipAndChunkedBodiesAreDecoded() {
        String text = ok(fetch("http://localhost:" + port + "/gzip"));
        assertTrue(text.endsWith("\n\nzipped and chunked text"), text);
    }

    @Test
    void moreThanFiveRedirectsFail() {
        ToolResult result = fetch("http://localhost:" + port + "/loop/0");
        assertTrue(assertInstanceOf(ToolResult.Failed.class, result).reason().startsWith("more than 5 redirects"), result.forModel());
        assertEquals(6, served.size());
    }

    @Test
    void otherSchemesAndCredentialsAreRefused() {
        assertInstanceOf(ToolResult.Denied.class, fetch("file:///etc/passwd"));
        assertInstanceOf(ToolResult.Denied.class, fetch("ftp://localhost/x"));
        assertInstanceOf(ToolResult.Denied.class, fetch("http://user:pw@localhost:" + port + "/page"));
        assertInstanceOf(ToolResult.Denied.class, fetch("http://localhost:" + port + "/to-file"));
    }

    @Test
    void nonTextIsDescribedNotDumped() {
        String text = ok(fetch("http://localhost:" + port + "/image"));
        assertTrue(text.endsWith("[image/png content, 3.0 KiB: not text, so it is not shown. web_fetch reads web pages"
                + " and text; a file like this needs another tool.]"), text);
    }

    @Test
    void anErrorStatusFailsWithTheStartOfThePage() {
        ToolResult result = fetch("http://localhost:" + port + "/missing");
        assertEquals("HTTP 404 from http://localhost:" + port + "/missing: No such page here.",
                assertInstanceOf(ToolResult.Failed.class, result).reason());
    }

    @Test
    void theHostIsResolvedOnceAndTheConnectionGoesToTheCheckedAddress() {
        AtomicInteger lookups = new AtomicInteger();
        WebFetchTool tool = WebTools.fetchTool(new WebToolsConfig(List.of("pinned.test"), WebSearchConfig.NONE),
                host -> {
                    lookups.incrementAndGet();
                    return new InetAddress[] {InetAddress.getLoopbackAddress()};
                }, () -> (SSLSocketFactory) SSLSocketFactory.getDefault());
        String text = ok(tool.execute(args("http://pinned.test:" + port + "/page"), context()));
        assertTrue(text.contains("# Main heading"), text);
        assertEquals(1, lookups.get());
    }

    @Test
    void aNameResolvingToAnyPrivateAddressIsRefused() {
        WebFetchTool tool = WebTools.fetchTool(WebToolsConfig.none(), host -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("192.168.1.10")},
                () -> (SSLSocketFactory) SSLSocketFactory.getDefault());
        ToolResult result = tool.execute(args("http://mixed.test/"), context());
        assertTrue(assertInstanceOf(ToolResult.Denied.class, result).rule().contains("192.168.1.10, a private address"));
    }

    private ToolResult fetch(String url) {
        WebFetchTool tool = WebTools.fetchTool(new WebToolsConfig(List.of("localhost"), WebSearchConfig.NONE),
                InetAddress::getAllByName, () -> (SSLSocketFactory) SSLSocketFactory.getDefault());
        return tool.execute(args(url), context());
    }

    private static JsonObject args(String url) {
        return JsonObject.of(Json.object("url", url));
    }

    private ToolContext context() {
        return new ToolContext("trace", "task", "cli", "chat", "owner", true, tmp, null, null);
    }

    private static String ok(ToolResult result) {
        return assertInstanceOf(ToolResult.Ok.class, result, result.forModel()).forModel();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            served.add(path);
            switch (path) {
                case "/page" -> send(exchange, 200, "text/html; charset=utf-8", PAGE.getBytes(StandardCharsets.UTF_8));
                case "/to-loopback" -> redirect(exchange, "http://127.0.0.1:" + port + "/page");
                case "/to-metadata" -> redirect(exchange, "http://169.254.169.254/latest/meta-data/");
                case "/to-private" -> redirect(exchange, "http://10.0.0.1/");
                case "/to-ipv6-loopback" -> redirect(exchange, "http://[::1]:" + port + "/page");
                case "/to-file" -> redirect(exchange, "file:///etc/passwd");
                case "/big" -> big(exchange);
                case "/gzip" -> gzipChunked(exchange);
                case "/image" -> send(exchange, 200, "image/png", new byte[3072]);
                default -> {
                    if (path.startsWith("/loop/")) {
                        redirect(exchange, "/loop/" + (Integer.parseInt(path.substring(6)) + 1));
                    } else {
                        send(exchange, 404, "text/html", "<p>No such page here.</p>".getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void big(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, 10L * 1024 * 1024);
        byte[] line = "0123456789abcdef".repeat(64).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 10 * 1024; i++) {
                out.write(line);
            }
        } catch (IOException e) {
            // the client stops reading at its cap and closes the connection: expected
        }
    }

    private static void gzipChunked(HttpExchange exchange) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write("zipped and chunked text".getBytes(StandardCharsets.UTF_8));
        }
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        exchange.sendResponseHeaders(200, 0); // 0: chunked
        exchange.getResponseBody().write(zipped.toByteArray());
    }
}
