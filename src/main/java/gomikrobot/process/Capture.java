package gomikrobot.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * One output stream of a child, kept up to a byte cap; later bytes are read and dropped so the child never
 * blocks on a full pipe. Filled by one reader thread, read by the waiting one: thread-safe.
 */
final class Capture {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int cap;
    private boolean truncated;

    Capture(int cap) {
        this.cap = cap;
    }

    /** Reads {@code in} to its end on a new virtual thread; join the thread to know the capture is complete. */
    Thread drainInBackground(InputStream in, String name) {
        return Thread.ofVirtual().name(name).start(() -> drain(in));
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    synchronized boolean truncated() {
        return truncated;
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                append(buffer, n);
            }
        } catch (IOException e) {
            // the pipe broke because the process was killed; what was read is kept
        }
    }

    private synchronized void append(byte[] buffer, int n) {
        int room = cap - kept.size();
        kept.write(buffer, 0, Math.max(0, Math.min(room, n)));
        truncated |= n > room;
    }
}
