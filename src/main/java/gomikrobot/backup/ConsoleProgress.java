package gomikrobot.backup;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints progress of large parts only (at least {@code minBytes}, e.g. a media-heavy workspace), one line per
 * tenth done: {@code "  workspace: 40% (48.0 MiB of 120.0 MiB)"}. Small parts print nothing, so a quick
 * backup stays quiet.
 */
public final class ConsoleProgress implements Progress {
    /** Parts smaller than this copy in a few seconds and need no progress. */
    public static final long DEFAULT_MIN_BYTES = 64L * 1024 * 1024;

    private final PrintStream out;
    private final long minBytes;
    private final Map<String, Integer> lastTenth = new HashMap<>();

    public ConsoleProgress(PrintStream out, long minBytes) {
        this.out = out;
        this.minBytes = minBytes;
    }

    @Override
    public void update(String part, long done, long total) {
        if (total < minBytes || total <= 0) {
            return;
        }
        int tenth = (int) Math.min(10, done * 10 / total);
        Integer last = lastTenth.get(part);
        if (last != null && tenth <= last) {
            return;
        }
        lastTenth.put(part, tenth);
        out.printf("  %s: %d%% (%s of %s)%n", part, tenth * 10, ByteCount.format(done), ByteCount.format(total));
    }
}
