package gomikrobot.tools.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the model reads of a fetched body: HTML as readable text ({@link HtmlText}) with its title, other text
 * types (plain, JSON, XML, CSV, Markdown, scripts) as they are, decoded by their charset, and anything else
 * described in one line (type and size) rather than dumped. A body without a type is sniffed.
 */
final class FetchedText {
    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([A-Za-z0-9_.:-]+)");
    private static final Pattern META_CHARSET = Pattern.compile("(?i)<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9_.:-]+)");

    private FetchedText() {
    }

    /** The title (empty when none) and the text; or a description when the body is not text. */
    record Reading(String title, String text, boolean isText) {
    }

    static Reading read(WebFetcher.Fetched fetched) {
        String type = mediaType(fetched.contentType());
        if (type.isEmpty()) {
            type = sniff(fetched.body());
        }
        if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
            String html = new String(fetched.body(), charset(fetched.contentType(), fetched.body(), true));
            HtmlText.Page page = HtmlText.render(html, fetched.url());
            return new Reading(page.title(), page.text(), true);
        }
        if (isText(type)) {
            return new Reading("", new String(fetched.body(), charset(fetched.contentType(), fetched.body(), false)),
                    true);
        }
        return new Reading("", "[" + type + " content, " + size(fetched) + ": not text, so it is not shown."
                + " web_fetch reads web pages and text; a file like this needs another tool.]", false);
    }

    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isText(String type) {
        return type.startsWith("text/") || type.endsWith("+json") || type.endsWith("+xml")
                || type.equals("application/json") || type.equals("application/xml")
                || type.equals("application/javascript") || type.equals("application/x-javascript")
                || type.equals("application/yaml") || type.equals("application/x-yaml")
                || type.equals("application/x-ndjson");
    }

    /** HTML when it starts like HTML, plain text when it is UTF-8 without control bytes, else unknown bytes. */
    private static String sniff(byte[] body) {
        String start = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1).stripLeading()
                .toLowerCase(Locale.ROOT);
        if (start.startsWith("<!doctype html") || start.startsWith("<html") || start.contains("<body")) {
            return "text/html";
        }
        for (int i = 0; i < Math.min(body.length, 4096); i++) {
            int b = body[i] & 0xFF;
            if (b < 0x09 || b > 0x0D && b < 0x20 && b != 0x1B) {
                return "application/octet-stream";
            }
        }
        return "text/plain";
    }

    /** The Content-Type's charset, else for HTML a {@code <meta charset>} near the top, else UTF-8. */
    private static Charset charset(String contentType, byte[] body, boolean html) {
        Matcher declared = CHARSET.matcher(contentType);
        if (declared.find()) {
            return named(declared.group(1)).orElse(StandardCharsets.UTF_8);
        }
        Matcher meta = META_CHARSET.matcher(new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1));
        return html && meta.find() ? named(meta.group(1)).orElse(StandardCharsets.UTF_8) : StandardCharsets.UTF_8;
    }

    private static Optional<Charset> named(String name) {
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // an unknown or misspelled charset: UTF-8 reads most pages anyway
        }
    }

    private static String size(WebFetcher.Fetched fetched) {
        long bytes = fetched.declaredLength() > 0 ? fetched.declaredLength() : fetched.body().length;
        String shown = bytes >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0)
                : bytes >= 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0) : bytes + " bytes";
        return fetched.cut() && fetched.declaredLength() <= 0 ? "more than " + shown : shown;
    }
}
