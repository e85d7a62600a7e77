package gomikrobot.tools.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * Reads a {@code text/event-stream}: {@code data:} lines are joined into one event's data, a blank line ends the
 * event, events named other than {@code message} and comments are skipped. An event over
 * {@value #EVENT_CAP} characters ends the stream as broken.
 */
final class SseEvents {
    static final int EVENT_CAP = 16 * 1024 * 1024;

    private SseEvents() {
    }

    /** Hands each message event's data to {@code onData} until it returns false or the stream ends. */
    static void read(InputStream stream, Predicate<String> onData) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        String event = "";
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (!data.isEmpty() && (event.isEmpty() || event.equals("message")) && !onData.test(data.toString())) {
                    return;
                }
                data.setLength(0);
                event = "";
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(field(line, 5));
                if (data.length() > EVENT_CAP) {
                    throw new IOException("an event over " + EVENT_CAP / (1024 * 1024) + " MiB");
                }
            } else if (line.startsWith("event:")) {
                event = field(line, 6);
            }
        }
    }

    private static String field(String line, int from) {
        return line.startsWith(" ", from) ? line.substring(from + 1) : line.substring(from);
    }
}
