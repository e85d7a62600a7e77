package gomikrobot.tools.web;

import gomikrobot.json.JsonObject;
import gomikrobot.tools.Schema;
import gomikrobot.tools.Tool;
import gomikrobot.tools.ToolContext;
import gomikrobot.tools.ToolResult;
import java.util.Map;

/**
 * {@code web_fetch} (tier 0): reads a web page or text file for the model. The fetch itself is
 * {@link WebFetcher}'s (address guard, redirects, time and size caps); the result names the final URL, the
 * content type and the title, then the readable text, cut at {@code max_chars} (default {@value #DEFAULT_CHARS})
 * with a note saying so. An address the guard refuses is a {@link ToolResult.Denied}; an HTTP error status a
 * {@link ToolResult.Failed} with the start of the page. Stateless.
 */
public final class WebFetchTool implements Tool {
    static final int DEFAULT_CHARS = 50_000;
    static final int MAX_CHARS = 200_000;
    private static final int ERROR_EXCERPT = 500;

    private final WebFetcher fetcher;

    WebFetchTool(WebFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public String name() {
        return "web_fetch";
    }

    @Override
    public String description() {
        return "Fetch a web page (http or https) and return its readable text with the links' URLs, or a text"
                + " file as it is. Pages on private networks are refused. Long pages are cut; ask for more with"
                + " max_chars (up to " + MAX_CHARS + ").";
    }

    @Override
    public Map<String, Object> parameters() {
        return Schema.object(Map.of(
                "url", Schema.string("The http:// or https:// URL to read"),
                "max_chars", Schema.integer("At most this many characters of text (default " + DEFAULT_CHARS + ")")),
                "url");
    }

    @Override
    public int tier() {
        return 0;
    }

    @Override
    public ToolResult execute(JsonObject args, ToolContext ctx) {
        int maxChars = (int) Math.clamp(args.integer("max_chars", DEFAULT_CHARS), 1_000, MAX_CHARS);
        WebFetcher.Fetched fetched;
        try {
            fetched = fetcher.fetch(args.string("url", ""));
        } catch (WebFetcher.FetchFailed e) {
            return e.refused() ? new ToolResult.Denied(e.getMessage()) : new ToolResult.Failed(e.getMessage());
        }
        FetchedText.Reading reading = FetchedText.read(fetched);
        if (fetched.status() >= 400) {
            String excerpt = reading.isText() ? cut(reading.text(), ERROR_EXCERPT, "") : "";
            return new ToolResult.Failed("HTTP " + fetched.status() + " from " + fetched.url()
                    + (excerpt.isBlank() ? "" : ": " + excerpt));
        }
        StringBuilder result = new StringBuilder();
        result.append("URL: ").append(fetched.url()).append('\n');
        result.append("Content-Type: ").append(fetched.contentType().isBlank() ? "(none given)"
                : fetched.contentType()).append('\n');
        if (!reading.title().isEmpty()) {
            result.append("Title: ").append(reading.title()).append('\n');
        }
        if (fetched.cut()) {
            result.append("Note: the body is longer than ").append(WebFetcher.BODY_CAP / (1024 * 1024))
                    .append(" MiB; only its first ").append(WebFetcher.BODY_CAP / (1024 * 1024))
                    .append(" MiB were read.\n");
        }
        result.append('\n');
        String text = reading.text();
        result.append(cut(text, maxChars, "\n\n[cut: the first " + maxChars + " of " + text.length()
                + " characters are shown; call again with a larger max_chars for more]"));
        return new ToolResult.Ok(result.toString());
    }

    private static String cut(String text, int limit, String note) {
        if (text.length() <= limit) {
            return text;
        }
        int end = Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit;
        return text.substring(0, end) + note;
    }
}
