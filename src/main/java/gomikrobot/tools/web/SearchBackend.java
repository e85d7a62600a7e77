package gomikrobot.tools.web;

import gomikrobot.config.WebSearchConfig;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The search services {@code web_search} speaks to, each with its own wire format: how a query becomes a
 * request (endpoint, parameters, where the key goes) and how its answer's JSON becomes {@link Result}s. The key
 * only ever goes into the request; nothing here logs or returns it.
 */
sealed interface SearchBackend {
    Duration TIMEOUT = Duration.ofSeconds(20);

    /** One hit: title, URL and snippet as plain text. */
    record Result(String title, String url, String snippet) {
    }

    /** Brave Search API: {@code GET /res/v1/web/search?q=&count=}, key in {@code X-Subscription-Token}. */
    record Brave(String apiKey, URI base) implements SearchBackend {
        static final String ENDPOINT = "https://api.search.brave.com/res/v1/web/search";

        @Override
        public HttpRequest request(String query, int count) {
            return HttpRequest.newBuilder(URI.create(base + "?q=" + encode(query) + "&count=" + count))
                    .timeout(TIMEOUT).header("Accept", "application/json")
                    .header("X-Subscription-Token", apiKey).GET().build();
        }

        @Override
        public List<Result> results(JsonObject answer) {
            return read(answer.object("web").array("results"), "description");
        }

        @Override
        public String label() {
            return "Brave Search";
        }
    }

    /** Tavily: {@code POST /search} with a JSON body, key as a bearer token. */
    record Tavily(String apiKey, URI base) implements SearchBackend {
        static final String ENDPOINT = "https://api.tavily.com/search";

        @Override
        public HttpRequest request(String query, int count) {
            String body = Json.write(Json.object("query", query, "max_results", count, "search_depth", "basic"));
            return HttpRequest.newBuilder(base).timeout(TIMEOUT).header("Content-Type", "application/json")
                    .header("Accept", "application/json").header("Authorization", "Bearer " + apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        @Override
        public List<Result> results(JsonObject answer) {
            return read(answer.array("results"), "content");
        }

        @Override
        public String label() {
            return "Tavily";
        }
    }

    /** A SearXNG instance: {@code GET <base>/search?q=&format=json} (the instance must allow the json format). */
    record SearXng(URI base) implements SearchBackend {
        @Override
        public HttpRequest request(String query, int count) {
            String root = base.toString().replaceAll("/+$", "");
            return HttpRequest.newBuilder(URI.create(root + "/search?q=" + encode(query) + "&format=json"))
                    .timeout(TIMEOUT).header("Accept", "application/json").GET().build();
        }

        @Override
        public List<Result> results(JsonObject answer) {
            return read(answer.array("results"), "content");
        }

        @Override
        public String label() {
            return "SearXNG";
        }
    }

    HttpRequest request(String query, int count);

    List<Result> results(JsonObject answer);

    String label();

    /** The configured backend, or empty when none is configured. */
    static Optional<SearchBackend> of(WebSearchConfig config) {
        String base = config.baseUrl();
        return switch (config.provider()) {
            case NONE -> Optional.empty();
            case BRAVE -> Optional.of(new Brave(config.apiKey(), URI.create(base.isEmpty() ? Brave.ENDPOINT : base)));
            case TAVILY -> Optional.of(new Tavily(config.apiKey(), URI.create(base.isEmpty() ? Tavily.ENDPOINT : base)));
            case SEARXNG -> Optional.of(new SearXng(URI.create(base)));
        };
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Items with a title and an http(s) URL; snippets may carry markup ({@code <strong>}), which is dropped. */
    private static List<Result> read(List<Object> items, String snippetField) {
        List<Result> results = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Map<?, ?> map) {
                JsonObject hit = JsonObject.of(map);
                String url = hit.raw("url") instanceof String u ? u : "";
                if (url.startsWith("http://") || url.startsWith("https://")) {
                    results.add(new Result(plain(hit.raw("title")), url, plain(hit.raw(snippetField))));
                }
            }
        }
        return results;
    }

    private static String plain(Object value) {
        return value instanceof String text ? HtmlText.render(text, null).text().replace('\n', ' ') : "";
    }
}
