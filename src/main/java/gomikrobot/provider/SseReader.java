package gomikrobot.provider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads server-sent events (the {@code text/event-stream} format) from a byte stream: lines end in LF, CRLF or
 * CR; a blank line ends an event; its {@code data:} lines are joined with LF; comments ({@code :keep-alive}) and
 * fields we do not use ({@code id:}, {@code retry:}) are skipped. An event still open when the stream ends is
 * delivered too, since some servers omit the last blank line. A line or event longer than
 * {@link #MAX_EVENT_CHARS} fails the read instead of growing without bound.
 */
final class SseReader {
    static final int MAX_EVENT_CHARS = 4 << 20;

    /** One event: its {@code event:} name ("" when unnamed) and its data. */
    record Event(String name, String data) {
    }

    private final BufferedReader in;
    private boolean skipLineFeed;

    SseReader(InputStream bytes) {
        this.in = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8));
    }

    /** The next event that carries data, or empty once the stream has ended. */
    Optional<Event> next() throws IOException {
        StringBuilder data = null;
        String name = "";
        String line;
        while ((line = readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return Optional.of(new Event(name, data.toString()));
                }
                name = "";
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            value = value.startsWith(" ") ? value.substring(1) : value;
            if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                requireWithinLimit(data.length());
            } else if (field.equals("event")) {
                name = value;
            }
        }
        return data == null ? Optional.empty() : Optional.of(new Event(name, data.toString()));
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (skipLineFeed) {
                skipLineFeed = false;
                if (c == '\n') {
                    continue;
                }
            }
            if (c == '\n' || c == '\r') {
                skipLineFeed = c == '\r';
                return line.toString();
            }
            line.append((char) c);
            requireWithinLimit(line.length());
        }
        return line.isEmpty() ? null : line.toString();
    }

    private static void requireWithinLimit(int length) throws IOException {
        if (length > MAX_EVENT_CHARS) {
            throw new IOException("a server-sent event is longer than " + MAX_EVENT_CHARS + " characters");
        }
    }
}
