package gomikrobot.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code HEARTBEAT.md} read as a Markdown task list: {@code - [ ] item} (also {@code *}, {@code +} or
 * {@code 1.} bullets, indented or not) is an open item; {@code - [x] item} is done; headings, other text and
 * fenced code blocks are context; HTML comments ({@code <!-- ... -->}, over several lines too) are left out
 * altogether. A file without open items costs no model call.
 */
record HeartbeatFile(List<String> openItems, String text) {
    private static final Pattern OPEN = Pattern.compile("^\\s*(?:[-*+]|\\d{1,9}[.)])\\s+\\[ ]\\s+(\\S.*)$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?(-->|\\z)", Pattern.DOTALL);

    HeartbeatFile {
        openItems = List.copyOf(openItems);
    }

    static HeartbeatFile parse(String markdown) {
        String text = COMMENT.matcher(markdown.replace("\r\n", "\n")).replaceAll("");
        List<String> open = new ArrayList<>();
        String fence = null;
        for (String line : text.split("\n")) {
            Matcher f = FENCE.matcher(line);
            if (f.find()) {
                fence = fence == null ? f.group(1) : fence.equals(f.group(1)) ? null : fence;
                continue;
            }
            Matcher item = OPEN.matcher(line);
            if (fence == null && item.matches()) {
                open.add(item.group(1).strip());
            }
        }
        return new HeartbeatFile(open, text.strip());
    }
}
