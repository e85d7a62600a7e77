package gomikrobot.tools.web;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import gomikrobot.tools.Schema;
import gomikrobot.tools.Tool;
import gomikrobot.tools.ToolContext;
import gomikrobot.tools.ToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code web_search} (tier 0), offered only when a backend is configured: asks the {@link SearchBackend} and
 * returns the top results as numbered title, URL and snippet. The answer is read up to {@value #ANSWER_CAP}
 * bytes. Whatever the service answers, the key never reaches the result: it is only in the request, and any
 * text taken from an error answer is scrubbed of it. Stateless; safe to share.
 */
public final class WebSearchTool implements Tool {
    static final int ANSWER_CAP = 1024 * 1024;
    private static final int SNIPPET_CHARS = 400;

    private final SearchBackend backend;
    private final String apiKey;
    private final int maxResults;
    private final Supplier<HttpClient> newClient;
    private HttpClient http; // made on the first search: building it sets TLS up

    WebSearchTool(SearchBackend backend, String apiKey, int maxResults, Supplier<HttpClient> newClient) {
        this.backend = backend;
        this.apiKey = apiKey;
        this.maxResults = maxResults;
        this.newClient = newClient;
    }

    @Override
    public String name() {
        return "web_search";
    }

    @Override
    public String description() {
        return "Search the web (" + backend.label() + ") and return the top results: title, URL and snippet."
                + " Use web_fetch to read a result.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Schema.object(Map.of(
                "query", Schema.string("What to search for"),
                "count", Schema.integer("How many results, 1-" + maxResults + " (default " + maxResults + ")")),
                "query");
    }

    @Override
    public int tier() {
        return 0;
    }

    @Override
    public ToolResult execute(JsonObject args, ToolContext ctx) {
        String query = args.string("query", "").strip();
        if (query.isEmpty()) {
            return new ToolResult.Failed("the query is empty");
        }
        int count = (int) Math.clamp(args.integer("count", maxResults), 1, maxResults);
        try {
            HttpResponse<InputStream> response = client().send(backend.request(query, count),
                    HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(ANSWER_CAP), StandardCharsets.UTF_8);
            }
            if (response.statusCode() != 200) {
                return new ToolResult.Failed(scrub(backend.label() + " answered HTTP " + response.statusCode() + ": "
                        + body.substring(0, Math.min(300, body.length())).strip()));
            }
            return new ToolResult.Ok(format(query, backend.results(Json.parseObject(body)).stream().limit(count).toList()));
        } catch (JsonException e) {
            return new ToolResult.Failed(backend.label() + " answered something that is not the expected JSON");
        } catch (IOException e) {
            return new ToolResult.Failed(scrub(backend.label() + " could not be reached: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ToolResult.Failed("the search was interrupted");
        }
    }

    private String format(String query, List<SearchBackend.Result> results) {
        if (results.isEmpty()) {
            return "No results for \"" + query + "\" (" + backend.label() + ").";
        }
        StringBuilder out = new StringBuilder("Results for \"" + query + "\" (" + backend.label() + "):\n");
        for (int i = 0; i < results.size(); i++) {
            SearchBackend.Result r = results.get(i);
            out.append('\n').append(i + 1).append(". ").append(r.title().isBlank() ? r.url() : r.title()).append('\n');
            out.append("   ").append(r.url()).append('\n');
            if (!r.snippet().isBlank()) {
                String snippet = r.snippet().strip();
                out.append("   ").append(snippet.length() > SNIPPET_CHARS
                        ? snippet.substring(0, SNIPPET_CHARS) + "…" : snippet).append('\n');
            }
        }
        return scrub(out.toString().stripTrailing());
    }

    private String scrub(String text) {
        return apiKey.length() >= 4 ? text.replace(apiKey, "[REDACTED]") : text;
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = newClient.get();
        }
        return http;
    }
}
