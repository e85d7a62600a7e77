package gomikrobot.tools.web;

import java.util.Map;

/**
 * Character references in HTML text and attributes: numeric ({@code &#233;}, {@code &#xE9;}) and the named ones
 * pages actually use (HTML has over two thousand; an unknown name is left as written, which reads fine).
 */
final class HtmlEntities {
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00A0"), Map.entry("copy", "©"), Map.entry("reg", "®"),
            Map.entry("trade", "™"), Map.entry("hellip", "…"), Map.entry("mdash", "—"), Map.entry("ndash", "–"),
            Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"), Map.entry("ldquo", "“"), Map.entry("rdquo", "”"),
            Map.entry("sbquo", "‚"), Map.entry("bdquo", "„"), Map.entry("laquo", "«"), Map.entry("raquo", "»"),
            Map.entry("bull", "•"), Map.entry("middot", "·"), Map.entry("euro", "€"), Map.entry("pound", "£"),
            Map.entry("yen", "¥"), Map.entry("cent", "¢"), Map.entry("sect", "§"), Map.entry("para", "¶"),
            Map.entry("deg", "°"), Map.entry("plusmn", "±"), Map.entry("times", "×"), Map.entry("divide", "÷"),
            Map.entry("shy", "\u00AD"), Map.entry("zwnj", "\u200C"), Map.entry("zwj", "\u200D"),
            Map.entry("auml", "ä"), Map.entry("ouml", "ö"), Map.entry("uuml", "ü"), Map.entry("Auml", "Ä"),
            Map.entry("Ouml", "Ö"), Map.entry("Uuml", "Ü"), Map.entry("szlig", "ß"), Map.entry("eacute", "é"),
            Map.entry("egrave", "è"), Map.entry("ecirc", "ê"), Map.entry("aacute", "á"), Map.entry("agrave", "à"),
            Map.entry("acirc", "â"), Map.entry("ccedil", "ç"), Map.entry("ntilde", "ñ"), Map.entry("oacute", "ó"),
            Map.entry("iacute", "í"), Map.entry("uacute", "ú"), Map.entry("rarr", "→"), Map.entry("larr", "←"),
            Map.entry("uarr", "↑"), Map.entry("darr", "↓"), Map.entry("hearts", "♥"), Map.entry("check", "✓"),
            Map.entry("thinsp", "\u2009"), Map.entry("ensp", "\u2002"), Map.entry("emsp", "\u2003"));

    private HtmlEntities() {
    }

    static String decode(String text) {
        int amp = text.indexOf('&');
        if (amp < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (amp >= 0) {
            out.append(text, i, amp);
            int semicolon = text.indexOf(';', amp);
            String replacement = semicolon > amp && semicolon - amp <= 32 ? reference(text.substring(amp + 1, semicolon)) : null;
            if (replacement == null) {
                out.append('&');
                i = amp + 1;
            } else {
                out.append(replacement);
                i = semicolon + 1;
            }
            amp = text.indexOf('&', i);
        }
        return out.append(text, i, text.length()).toString();
    }

    private static String reference(String name) {
        if (!name.startsWith("#")) {
            return NAMED.get(name);
        }
        try {
            boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
            int code = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
            return Character.isValidCodePoint(code) && code != 0 ? Character.toString(code) : "\uFFFD";
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
