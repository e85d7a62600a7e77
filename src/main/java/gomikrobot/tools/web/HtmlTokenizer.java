package gomikrobot.tools.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A tolerant HTML tokenizer: text, start tags with their attributes, end tags; comments, doctypes and
 * processing instructions are skipped. The content of raw-text elements ({@code script}, {@code style},
 * {@code title}…) is one text token up to its end tag, so markup inside a script never counts as markup. It
 * never fails: a {@code <} that opens no tag is text, an unterminated tag or comment ends the document.
 */
final class HtmlTokenizer {
    /** Where tokens go, in document order. Tag names are lower case; attribute values are decoded. */
    interface Sink {
        void text(String decoded);

        void open(String name, Map<String, String> attributes);

        void close(String name);
    }

    private static final Set<String> RAW_TEXT = Set.of("script", "style", "title", "textarea", "xmp", "iframe",
            "noembed", "noframes", "noscript");

    private final String html;
    private final Sink sink;
    private int at;

    private HtmlTokenizer(String html, Sink sink) {
        this.html = html;
        this.sink = sink;
    }

    static void tokenize(String html, Sink sink) {
        new HtmlTokenizer(html, sink).run();
    }

    private void run() {
        while (at < html.length()) {
            int lt = html.indexOf('<', at);
            if (lt < 0) {
                text(html.length());
                return;
            }
            text(lt);
            at = lt;
            if (html.startsWith("<!--", at)) {
                at = skipPast("-->", at + 4);
            } else if (html.startsWith("<!", at) || html.startsWith("<?", at)) {
                at = skipPast(">", at + 2);
            } else if (html.startsWith("</", at) && at + 2 < html.length() && Character.isLetter(html.charAt(at + 2))) {
                endTag();
            } else if (at + 1 < html.length() && Character.isLetter(html.charAt(at + 1))) {
                startTag();
            } else {
                sink.text("<");
                at++;
            }
        }
    }

    private void text(int end) {
        if (end > at) {
            sink.text(HtmlEntities.decode(html.substring(at, end)));
        }
        at = Math.max(at, end);
    }

    private void endTag() {
        int nameEnd = nameEnd(at + 2);
        String name = html.substring(at + 2, nameEnd).toLowerCase(Locale.ROOT);
        at = skipPast(">", nameEnd);
        sink.close(name);
    }

    private void startTag() {
        int nameEnd = nameEnd(at + 1);
        String name = html.substring(at + 1, nameEnd).toLowerCase(Locale.ROOT);
        at = nameEnd;
        Map<String, String> attributes = attributes();
        sink.open(name, attributes);
        if (RAW_TEXT.contains(name)) {
            int close = indexOfIgnoringCase("</" + name, at);
            int end = close < 0 ? html.length() : close;
            String content = html.substring(at, end);
            sink.text(name.equals("title") || name.equals("textarea") ? HtmlEntities.decode(content) : content);
            at = close < 0 ? end : skipPast(">", close);
            sink.close(name);
        }
    }

    /** Reads attributes up to and past the tag's {@code >}. */
    private Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        while (at < html.length()) {
            char c = html.charAt(at);
            if (c == '>') {
                at++;
                return attributes;
            }
            if (Character.isWhitespace(c) || c == '/') {
                at++;
                continue;
            }
            int nameEnd = at;
            while (nameEnd < html.length() && "=>/ \t\n\r\f".indexOf(html.charAt(nameEnd)) < 0) {
                nameEnd++;
            }
            String name = html.substring(at, Math.max(nameEnd, at + 1)).toLowerCase(Locale.ROOT);
            at = Math.max(nameEnd, at + 1);
            skipSpace();
            String value = "";
            if (at < html.length() && html.charAt(at) == '=') {
                at++;
                skipSpace();
                value = HtmlEntities.decode(attributeValue());
            }
            attributes.putIfAbsent(name, value);
        }
        return attributes;
    }

    private String attributeValue() {
        if (at >= html.length()) {
            return "";
        }
        char quote = html.charAt(at);
        if (quote == '"' || quote == '\'') {
            int end = html.indexOf(quote, at + 1);
            end = end < 0 ? html.length() : end;
            String value = html.substring(at + 1, end);
            at = Math.min(html.length(), end + 1);
            return value;
        }
        int end = at;
        while (end < html.length() && !Character.isWhitespace(html.charAt(end)) && html.charAt(end) != '>') {
            end++;
        }
        String value = html.substring(at, end);
        at = end;
        return value;
    }

    private void skipSpace() {
        while (at < html.length() && Character.isWhitespace(html.charAt(at))) {
            at++;
        }
    }

    private int nameEnd(int from) {
        int end = from;
        while (end < html.length() && (Character.isLetterOrDigit(html.charAt(end)) || html.charAt(end) == '-'
                || html.charAt(end) == ':')) {
            end++;
        }
        return end;
    }

    private int indexOfIgnoringCase(String marker, int from) {
        for (int i = html.indexOf('<', from); i >= 0; i = html.indexOf('<', i + 1)) {
            if (html.regionMatches(true, i, marker, 0, marker.length())) {
                return i;
            }
        }
        return -1;
    }

    private int skipPast(String marker, int from) {
        int found = html.indexOf(marker, from);
        return found < 0 ? html.length() : found + marker.length();
    }
}
