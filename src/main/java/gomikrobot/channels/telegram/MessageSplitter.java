package gomikrobot.channels.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a long answer into messages Telegram accepts (at most {@value #LIMIT} characters each): at the last
 * paragraph break that fits, else the last line break, else the last space, else mid-word, never inside a
 * surrogate pair. The white space at a cut is dropped (it falls between two messages), nothing else is, and no
 * part is blank.
 */
final class MessageSplitter {
    static final int LIMIT = 4096;

    private MessageSplitter() {
    }

    static List<String> split(String text) {
        return split(text, LIMIT);
    }

    static List<String> split(String text, int limit) {
        List<String> parts = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > limit) {
            int cut = cutAt(rest, limit);
            parts.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    /** Where the first part ends: after the best break within {@code limit} characters. */
    private static int cutAt(String text, int limit) {
        String window = text.substring(0, limit + 1); // a break right after the limit still fits
        for (String separator : new String[]{"\n\n", "\n", " "}) {
            int at = window.lastIndexOf(separator);
            if (at > 0) {
                return at;
            }
        }
        return Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    }
}
