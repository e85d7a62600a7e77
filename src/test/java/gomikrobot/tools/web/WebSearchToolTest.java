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
import gomikrobot.tools.Tool;
import gomikrobot.tools.ToolContext;
import gomikrobot.tools.ToolResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * web_search against local fakes of Brave Search, Tavily and SearXNG that check each request the way the real
 * service does (path, parameters, where the key goes) and answer in its JSON shape.
 */
class WebSearchToolTest {
    private static final String KEY = "search-key-0123456789";

    @TempDir
    Path tmp;
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/res/v1/web/search", this::brave);
        server.createContext("/tavily/search", this::tavily);
        server.createContext("/searx/search", this::searxng);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void braveSendsTheKeyAsSubscriptionTokenAndReadsWebResults() {
        String text = ok(search(WebSearchConfig.Provider.BRAVE, KEY, base + "/res/v1/web/search", "java records", 2));
        assertEquals("""
                Results for "java records" (Brave Search):

                1. Records in Java
                   https://dev.test/records
                   Records are final classes with components.

                2. JEP 395
                   https://openjdk.test/jeps/395
                   Records, standard in Java 16""", text);
        assertEquals(List.of("GET /res/v1/web/search?q=java records&count=2 token=" + KEY), requests);
    }

    @Test
    void tavilyPostsTheQueryWithABearerKey() {
        String text = ok(search(WebSearchConfig.Provider.TAVILY, KEY, base + "/tavily/search", "weather berlin", 5));
        assertTrue(text.startsWith("Results for \"weather berlin\" (Tavily):\n\n1. Berlin weather\n"
                + "   https://weather.test/berlin\n   Sunny, 21 °C"), text);
        assertEquals(1, requests.size());
        JsonObject body = Json.parseObject(requests.getFirst().substring(requests.getFirst().indexOf('{')));
        assertEquals("weather berlin", body.string("query", ""));
        assertEquals(5, body.integer("max_results", 0));
        assertTrue(requests.getFirst().startsWith("POST /tavily/search Bearer " + KEY + " "), requests.getFirst());
    }

    @Test
    void searxngAsksForJsonAndNeedsNoKey() {
        String text = ok(search(WebSearchConfig.Provider.SEARXNG, "", base + "/searx", "kafka", 5));
        assertTrue(text.contains("1. Apache Kafka\n   https://kafka.test/\n   A distributed event store"), text);
        assertFalse(text.contains("ftp://"), "results without an http(s) URL are left out: " + text);
        assertEquals(List.of("GET /searx/search?q=kafka&format=json"), requests);
    }

    @Test
    void theKeyNeverAppearsInTheResultEvenWhenTheServiceEchoesIt() {
        ToolResult result = search(WebSearchConfig.Provider.BRAVE, "wrong-key-987654321", base + "/res/v1/web/search",
                "x", 3);
        String reason = assertInstanceOf(ToolResult.Failed.class, result).reason();
        assertTrue(reason.startsWith("Brave Search answered HTTP 401: {\"error\":\"bad token [REDACTED]\"}"), reason);
        assertFalse(reason.contains("wrong-key-987654321"));
    }

    @Test
    void webSearchIsOfferedOnlyWhenABackendIsConfigured() {
        assertEquals(List.of("web_fetch"), WebTools.create(WebToolsConfig.none()).stream().map(Tool::name).toList());
        assertEquals(List.of("web_fetch", "web_search"), WebTools.create(new WebToolsConfig(List.of(),
                new WebSearchConfig(WebSearchConfig.Provider.TAVILY, KEY, "", 5))).stream().map(Tool::name).toList());
    }

    private ToolResult search(WebSearchConfig.Provider provider, String key, String url, String query, int count) {
        Tool tool = WebTools.create(new WebToolsConfig(List.of(), new WebSearchConfig(provider, key, url, 5))).get(1);
        return tool.execute(JsonObject.of(Json.object("query", query, "count", (long) count)),
                new ToolContext("trace", "task", "cli", "chat", "owner", true, tmp, null, null));
    }

    private static String ok(ToolResult result) {
        return assertInstanceOf(ToolResult.Ok.class, result, result.forModel()).forModel();
    }

    private void brave(HttpExchange exchange) throws IOException {
        String token = exchange.getRequestHeaders().getFirst("X-Subscription-Token");
        requests.add(exchange.getRequestMethod() + " " + decoded(exchange) + " token=" + token);
        if (!KEY.equals(token)) {
            answer(exchange, 401, Json.object("error", "bad token " + token));
            return;
        }
        answer(exchange, 200, Json.object("type", "search", "query", Json.object("original", "java records"),
                "web", Json.object("type", "search", "results", List.of(
                        Json.object("title", "Records in Java", "url", "https://dev.test/records",
                                "description", "<strong>Records</strong> are final classes with components.",
                                "language", "en"),
                        Json.object("title", "JEP 395", "url", "https://openjdk.test/jeps/395",
                                "description", "Records, standard in Java 16")))));
    }

    private void tavily(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
        answer(exchange, 200, Json.object("query", "weather berlin", "answer", null, "results", List.of(
                Json.object("title", "Berlin weather", "url", "https://weather.test/berlin",
                        "content", "Sunny, 21 °C", "score", 0.93, "raw_content", null)),
                "response_time", 1.2));
    }

    private void searxng(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + decoded(exchange));
        answer(exchange, 200, Json.object("query", "kafka", "number_of_results", 2, "results", List.of(
                Json.object("url", "https://kafka.test/", "title", "Apache Kafka",
                        "content", "A distributed event store", "engine", "duckduckgo"),
                Json.object("url", "ftp://old.test/kafka", "title", "Old mirror", "content", "")),
                "answers", List.of(), "suggestions", List.of()));
    }

    private static String decoded(HttpExchange exchange) {
        return URLDecoder.decode(exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery(),
                StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
