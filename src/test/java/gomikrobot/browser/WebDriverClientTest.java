package gomikrobot.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives a real headless Chromium; skipped where chromedriver is not installed. */
class WebDriverClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Path WEB = Path.of("web").toAbsolutePath().normalize();
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript", "css", "text/css");

    private static WebDriverClient browser;
    private static HttpServer server;

    @BeforeAll
    static void startBrowserAndWebServer() throws IOException {
        Path chromedriver = WebDriverClient.chromedriver().orElse(null);
        assumeTrue(chromedriver != null, "chromedriver not installed");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", WebDriverClientTest::serveWebFolder);
        server.start();
        browser = WebDriverClient.start(chromedriver);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsTextAndTitleOfNavigatedPage() {
        browser.navigate(page("<title>Hello page</title><p id='greeting'>hello <b>world</b></p>"));
        assertEquals("hello world", browser.text(browser.find("#greeting")));
        assertEquals("Hello page", browser.title());
    }

    @Test
    void typesIntoInputAndClicksButton() {
        browser.navigate(page("<input id='name'><button id='go' onclick=\"out.textContent='Hi '+document.getElementById('name').value\">Go</button>"
                + "<p id='out'></p>"));
        Element input = browser.find("#name");
        browser.sendKeys(input, "Ada");
        browser.click(browser.find("#go"));
        assertEquals("Hi Ada", browser.text(browser.find("#out")));
        assertEquals("Ada", browser.property(input, "value"));
    }

    @Test
    void passesArgumentsToScriptsAndReturnsTheirValues() {
        browser.navigate(page("<p id='p'>x</p>"));
        assertEquals(5L, browser.execute("return arguments[0] + arguments[1]", 2, 3));
        Element paragraph = browser.find("#p");
        assertEquals("P", browser.execute("return arguments[0].tagName", paragraph));
        assertEquals(paragraph, browser.execute("return document.getElementById('p')"));
    }

    @Test
    void reportsMissingElementAsNoSuchElement() {
        browser.navigate(page("<p>nothing here</p>"));
        WebDriverException missing = assertThrows(WebDriverException.class, () -> browser.find("#absent"));
        assertEquals("no such element", missing.error());
        assertTrue(browser.findAll("#absent").isEmpty());
    }

    @Test
    void savesScreenshotAsPng(@TempDir Path dir) throws IOException {
        browser.navigate(page("<h1>shot</h1>"));
        Path png = browser.screenshot(dir.resolve("shot.png"));
        byte[] magic = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, magic);
    }

    @Test
    void readsBrowserConsoleErrors() {
        browser.browserLogs();
        browser.navigate(page("<script>console.error('marker-' + (40 + 2))</script>"));
        List<BrowserLogEntry> logs = browser.browserLogs();
        assertTrue(logs.stream().anyMatch(e -> e.isSevere() && e.message().contains("marker-42")), logs.toString());
    }

    @Test
    void dashboardModulesLoadAndTabsSwitchWithoutScriptErrors() {
        browser.browserLogs();
        browser.navigate(url("/timeline"));
        // Every /api call answers 404 here, so the feed must report that error as text.
        Object feedError = browser.waitUntil(
                "const s = document.getElementById('feed-status'); return s.dataset.state === 'error' && s.textContent",
                WAIT);
        assertTrue(feedError.toString().startsWith("Timeline: "), feedError.toString());
        browser.click(browser.find("[data-testid=tab-settings]"));
        assertTrue(browser.isDisplayed(browser.find("#panel-settings")));
        assertFalse(browser.isDisplayed(browser.find("#panel-feed")));
        assertEquals("true", browser.attribute(browser.find("#tab-settings"), "aria-selected"));
        List<BrowserLogEntry> scriptErrors = browser.browserLogs().stream()
                .filter(e -> e.isSevere() && !e.message().contains("Failed to load resource"))
                .toList();
        assertTrue(scriptErrors.isEmpty(), scriptErrors.toString());
    }

    @Test
    void dashboardPageWeighsUnder150Kilobytes() throws IOException {
        long bytes;
        try (var files = Files.walk(WEB)) {
            bytes = files.filter(p -> p.toString().matches(".*\\.(html|js|css)$"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(bytes < 150 * 1024, bytes + " bytes");
    }

    private static String page(String html) {
        return "data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The gateway's static routes, read from the web/ folder on disk; everything else is a JSON 404. */
    private static void serveWebFolder(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Path file = path.equals("/timeline") ? WEB.resolve("timeline.html") : WEB.resolve(path.substring(1)).normalize();
        boolean servable = (path.equals("/timeline") || path.startsWith("/js/") || path.startsWith("/css/"))
                && file.startsWith(WEB) && Files.isRegularFile(file);
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            byte[] body;
            if (servable) {
                String name = file.getFileName().toString();
                exchange.getResponseHeaders().set("Content-Type", TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
                body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                body = "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, body.length);
            }
            out.write(body);
        }
    }
}
