package gomikrobot.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived child started by {@link ProcessRunner#start} (an MCP stdio server, say): the caller talks to it
 * through its streams. {@link #close} ends it politely and then for sure: stdin is closed (a stdio server's
 * cue to exit), and a child still running after the grace period has its whole tree killed.
 */
public final class Child implements AutoCloseable {
    private final Process process;
    private final Duration grace;

    Child(Process process, Duration grace) {
        this.process = process;
        this.grace = grace;
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    public InputStream stdout() {
        return process.getInputStream();
    }

    /** Empty when the command merged stderr into stdout. */
    public InputStream stderr() {
        return process.getErrorStream();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code limit}; true when the child has exited (then {@link #exitCode} is its status). */
    public boolean waitFor(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @throws IllegalStateException while the child runs */
    public int exitCode() {
        return process.exitValue();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the pipe is already broken: the child is gone or going, the kill below settles it
        }
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // no waiting then: straight to the kill
        }
        ProcessTree.kill(process.toHandle(), grace);
    }
}
