package gomikrobot.tools;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs {@code sh -c <command>} in a directory with exactly the given environment and no stdin, reads stdout
 * and stderr concurrently on virtual threads (each kept up to a byte cap, the rest drained and dropped so the
 * child never blocks on a full pipe), and on timeout kills the whole process tree: every descendant, then the
 * shell, with SIGTERM, and SIGKILL for whatever is still alive after a grace period. Stateless.
 */
final class ShellRunner {
    /** How long killed processes get to exit on SIGTERM before SIGKILL. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);
    /**
     * How long to wait for the output pipes to close after the shell is gone. A background child that keeps
     * them open (e.g. {@code server &}) would otherwise hold the call until it exits.
     */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    private final int capBytes;

    ShellRunner(int capBytes) {
        this.capBytes = capBytes;
    }

    ShellRun run(String command, Path dir, Map<String, String> env, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new ShellRun.Aborted("cannot start sh: " + e.getMessage());
        }
        Capture stdout = new Capture(capBytes);
        Capture stderr = new Capture(capBytes);
        Thread outReader = Thread.ofVirtual().name("exec-stdout").start(() -> stdout.drain(process.getInputStream()));
        Thread errReader = Thread.ofVirtual().name("exec-stderr").start(() -> stderr.drain(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                awaitReaders(outReader, errReader);
                return new ShellRun.TimedOut(output(stdout, stderr));
            }
            awaitReaders(outReader, errReader);
            return new ShellRun.Exited(output(stdout, stderr), process.exitValue());
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return new ShellRun.Aborted("interrupted; the command was killed");
        }
    }

    /** SIGTERM to the descendants (snapshot taken first, before they can be re-parented) and the shell; then SIGKILL. */
    private static void killTree(Process process) {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture<?> allExited = CompletableFuture.allOf(
                tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));
        try {
            allExited.get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // some ignored SIGTERM: SIGKILL below settles it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // still SIGKILL below, then let the caller see the flag
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void awaitReaders(Thread... readers) throws InterruptedException {
        long until = System.nanoTime() + DRAIN_GRACE.toNanos();
        for (Thread reader : readers) {
            long left = until - System.nanoTime();
            if (left > 0) {
                reader.join(Duration.ofNanos(left));
            }
        }
    }

    private static ShellRun.Output output(Capture stdout, Capture stderr) {
        return new ShellRun.Output(stdout.text(), stderr.text(), stdout.truncated() || stderr.truncated());
    }

    /** One stream's bytes up to the cap; later bytes are read and dropped. Thread-safe. */
    private static final class Capture {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int cap;
        private boolean truncated;

        Capture(int cap) {
            this.cap = cap;
        }

        void drain(InputStream in) {
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
            kept.write(buffer, 0, Math.min(room, n));
            truncated |= n > room;
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }

        synchronized boolean truncated() {
            return truncated;
        }
    }
}
