package gomikrobot.tools.web;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an HTML page into the text a reader sees: the title, headings as {@code #} lines, paragraphs and blocks
 * on lines of their own, list items as {@code -} or numbered lines, table cells separated by {@code |}, links as
 * their text followed by their absolute URL, image descriptions; scripts, styles, templates, forms' option lists
 * and hidden content ({@code hidden}, {@code aria-hidden}, {@code display:none}) are dropped. One instance per
 * page; tolerant of any markup.
 */
final class HtmlText implements HtmlTokenizer.Sink {
    /** The page's title (may be empty) and its text. */
    record Page(String title, String text) {
    }

    private static final Set<String> DROPPED = Set.of("script", "style", "noscript", "template", "svg", "math",
            "iframe", "object", "canvas", "select", "datalist", "noembed", "noframes", "head");
    private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input",
            "link", "meta", "param", "source", "track", "wbr");
    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "header", "footer", "main",
            "nav", "aside", "blockquote", "pre", "table", "tr", "form", "figure", "figcaption", "address", "dl", "dt",
            "dd", "details", "summary", "hr", "fieldset", "caption", "body", "center", "ul", "ol", "h1", "h2", "h3",
            "h4", "h5", "h6");
    /** Elements a new one of the same name ends (HTML lets their end tags be left out). */
    private static final Set<String> SELF_ENDING = Set.of("p", "li", "dt", "dd", "tr", "td", "th", "option");
    private static final Pattern HIDING_STYLE = Pattern.compile("(?i)(display\\s*:\\s*none|visibility\\s*:\\s*hidden)");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\n\\r\\f\\u00A0]+");

    private final StringBuilder out = new StringBuilder();
    private final StringBuilder title = new StringBuilder();
    private final Deque<Integer> lists = new ArrayDeque<>(); // next number of each open list; -1 for bullets
    private final Deque<LinkStart> links = new ArrayDeque<>();
    private URI base;
    private String skipping; // the element whose content is being dropped, or null
    private int skipDepth;
    private boolean inTitle;
    private int preDepth;
    private boolean firstCell;

    private record LinkStart(String href, int at) {
    }

    private HtmlText(URI base) {
        this.base = base;
    }

    static Page render(String html, URI base) {
        HtmlText page = new HtmlText(base);
        HtmlTokenizer.tokenize(html, page);
        return new Page(SPACES.matcher(page.title).replaceAll(" ").strip(), tidy(page.out));
    }

    @Override
    public void text(String decoded) {
        if (inTitle) {
            title.append(decoded);
        } else if (skipping == null) {
            append(preDepth > 0 ? decoded : SPACES.matcher(decoded).replaceAll(" "));
        }
    }

    @Override
    public void open(String name, Map<String, String> attributes) {
        if (name.equals("title")) {
            inTitle = title.isEmpty(); // the first one: an svg's own titles come later
            return;
        }
        if (name.equals("body")) {
            skipping = null; // a head (or anything) left open ends where the body starts
        }
        if (skipping != null) {
            if (name.equals(skipping) && !VOID.contains(name)) {
                skipDepth = SELF_ENDING.contains(name) && skipDepth == 1 ? 0 : skipDepth + 1;
                skipping = skipDepth == 0 ? null : skipping;
                if (skipping == null) {
                    open(name, attributes); // an implied end: this one is shown
                }
            }
            return;
        }
        if (!VOID.contains(name) && (DROPPED.contains(name) || isHidden(attributes))) {
            skipping = name;
            skipDepth = 1;
            return;
        }
        switch (name) {
            case "base" -> base = resolve(attributes.get("href")).orElse(base);
            case "br" -> out.append('\n');
            case "img" -> imageText(attributes.getOrDefault("alt", ""));
            case "a" -> links.push(new LinkStart(attributes.getOrDefault("href", ""), out.length()));
            case "li" -> listItem();
            case "ul" -> lists.push(-1);
            case "ol" -> lists.push(start(attributes.get("start")));
            case "td", "th" -> cell();
            case "pre" -> preDepth++;
            default -> { }
        }
        if (name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6') {
            paragraph();
            out.append("#".repeat(name.charAt(1) - '0')).append(' ');
        } else if (name.equals("p") || name.equals("pre") || name.equals("blockquote") || name.equals("table")) {
            paragraph();
        } else if (BLOCKS.contains(name) || name.equals("tr")) {
            line();
            firstCell = true;
        }
    }

    @Override
    public void close(String name) {
        if (name.equals("title")) {
            inTitle = false;
            return;
        }
        if (skipping != null) {
            if (name.equals(skipping) && --skipDepth == 0) {
                skipping = null;
            }
            return;
        }
        switch (name) {
            case "a" -> endLink();
            case "ul", "ol" -> {
                if (!lists.isEmpty()) {
                    lists.pop();
                }
                line();
            }
            case "pre" -> preDepth = Math.max(0, preDepth - 1);
            default -> { }
        }
        if (name.matches("h[1-6]|p|pre|blockquote|table")) {
            paragraph();
        } else if (BLOCKS.contains(name) || name.equals("li")) {
            line();
        }
    }

    private static boolean isHidden(Map<String, String> attributes) {
        return attributes.containsKey("hidden") || "true".equalsIgnoreCase(attributes.get("aria-hidden"))
                || HIDING_STYLE.matcher(attributes.getOrDefault("style", "")).find();
    }

    private void imageText(String alt) {
        if (!alt.isBlank()) {
            append("[image: " + SPACES.matcher(alt).replaceAll(" ").strip() + "]");
        }
    }

    private void listItem() {
        line();
        int depth = Math.max(1, lists.size());
        out.append("  ".repeat(depth - 1));
        Integer next = lists.peek();
        if (next == null || next < 0) {
            out.append("- ");
        } else {
            out.append(next).append(". ");
            lists.pop();
            lists.push(next + 1);
        }
    }

    private void cell() {
        if (!firstCell) {
            out.append(" | ");
        }
        firstCell = false;
    }

    private void endLink() {
        if (links.isEmpty()) {
            return;
        }
        LinkStart link = links.pop();
        String text = out.substring(Math.min(link.at(), out.length())).strip();
        resolve(link.href()).map(URI::toString).filter(url -> !url.equals(text)).ifPresent(url -> {
            if (text.isEmpty()) {
                append("[link: " + url + "]");
            } else {
                out.append(" (").append(url).append(')');
            }
        });
    }

    /** An absolute http(s) or mailto URL, or empty for fragments, scripts and what does not parse. */
    private java.util.Optional<URI> resolve(String href) {
        if (href == null || href.isBlank() || href.strip().startsWith("#")) {
            return java.util.Optional.empty();
        }
        try {
            URI uri = base == null ? new URI(href.strip()) : base.resolve(href.strip().replace(" ", "%20"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return Set.of("http", "https", "mailto").contains(scheme) ? java.util.Optional.of(uri)
                    : java.util.Optional.empty();
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return java.util.Optional.empty(); // a link we cannot read is shown as its text alone
        }
    }

    private static int start(String text) {
        try {
            return text == null ? 1 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void append(String text) {
        if (text.isEmpty()) {
            return;
        }
        boolean atLineStart = out.isEmpty() || out.charAt(out.length() - 1) == '\n'
                || out.charAt(out.length() - 1) == ' ';
        out.append(atLineStart && preDepth == 0 ? text.stripLeading() : text);
    }

    private void line() {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private void paragraph() {
        line();
        if (out.length() >= 2 && out.charAt(out.length() - 2) != '\n') {
            out.append('\n');
        }
    }

    /** Lines without trailing spaces, at most one empty line in a row, nothing around the whole. */
    private static String tidy(CharSequence text) {
        StringBuilder tidy = new StringBuilder(text.length());
        int empty = 0;
        for (String line : text.toString().split("\n", -1)) {
            String trimmed = line.stripTrailing();
            empty = trimmed.isBlank() ? empty + 1 : 0;
            if (empty <= 1) {
                tidy.append(trimmed.isBlank() ? "" : trimmed).append('\n');
            }
        }
        return tidy.toString().strip();
    }
}
