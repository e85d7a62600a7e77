package gomikrobot.provider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A response body whose reads fail once nothing has arrived for {@code limit}. The JDK's HTTP client has no read
 * timeout of its own, so a server that stops sending half way through a stream would hold its reader forever.
 * A watchdog (one virtual thread per body, ended by {@link #close}) closes the body after that long without a
 * byte; the read that was waiting then fails with an {@link HttpTimeoutException}.
 */
final class StallGuard extends FilterInputStream {
    private final long limitNanos;
    private final Thread watchdog;
    private volatile long lastByteAt = System.nanoTime();
    private volatile boolean stalled;
    private volatile boolean closed;

    StallGuard(InputStream body, Duration limit) {
        super(body);
        this.limitNanos = limit.toNanos();
        this.watchdog = Thread.ofVirtual().name("provider-stall-guard").start(this::watch);
    }

    @Override
    public int read() throws IOException {
        try {
            return arrived(super.read());
        } catch (IOException e) {
            throw stalled ? stall() : e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return arrived(in.read(buffer, offset, length));
        } catch (IOException e) {
            throw stalled ? stall() : e;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watchdog.interrupt();
        super.close();
    }

    private int arrived(int result) throws IOException {
        if (stalled) {
            throw stall();
        }
        lastByteAt = System.nanoTime();
        return result;
    }

    private HttpTimeoutException stall() {
        return new HttpTimeoutException("nothing arrived for " + limitNanos / 1_000_000 + " ms");
    }

    private void watch() {
        while (!closed) {
            long left = limitNanos - (System.nanoTime() - lastByteAt);
            if (left <= 0) {
                stalled = true;
                try {
                    in.close(); // wakes the read that waits for the next byte
                } catch (IOException e) {
                    // the body is being abandoned either way
                }
                return;
            }
            try {
                Thread.sleep(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                return; // closed by its reader
            }
        }
    }
}
