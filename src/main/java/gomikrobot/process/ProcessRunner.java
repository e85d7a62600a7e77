package gomikrobot.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Starts child processes, the one way the gateway does it. {@link #run} runs a {@link Command} to its end:
 * stdin is {@code /dev/null} unless the command gives text, stdout and stderr are read concurrently up to the
 * command's cap, and at the timeout (or when the waiting thread is interrupted) the whole process tree is
 * killed: SIGTERM, then SIGKILL after a grace period. {@link #start} starts a long-lived {@link Child} whose
 * streams and lifetime belong to the caller. Stateless apart from the grace periods; safe to share.
 *
 * <p>Limit: a process that detaches from its parent ({@code cmd &} in a shell that then exits) is re-parented
 * and no longer in the tree; only a sandbox with its own pid namespace ({@link Sandbox}) ends it for sure.
 */
public final class ProcessRunner {
    /** How long killed processes get to exit on SIGTERM before SIGKILL. */
    static final Duration KILL_GRACE = Duration.ofSeconds(2);
    /**
     * How long to wait for the output pipes to close after the child is gone. A background child that keeps
     * them open (e.g. {@code server &}) would otherwise hold the call until it exits.
     */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);
    private static final File NO_INPUT = new File("/dev/null");

    private final Duration killGrace;

    public ProcessRunner() {
        this(KILL_GRACE);
    }

    ProcessRunner(Duration killGrace) {
        this.killGrace = killGrace;
    }

    /**
     * Runs {@code command} to its end, its timeout, or an interrupt.
     *
     * @throws InterruptedException when the waiting thread is interrupted; the tree has been killed by then
     */
    public RunResult run(Command command) throws InterruptedException {
        ProcessBuilder builder = builder(command);
        if (command.stdin() == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
        }
        Process process;
        try {
            process = launch(builder);
        } catch (IOException e) {
            return new RunResult.NotStarted(e.getMessage());
        }
        if (command.stdin() != null) {
            feed(process.getOutputStream(), command.stdin());
        }
        Capture stdout = new Capture(command.outputCap());
        Capture stderr = new Capture(command.outputCap());
        Thread outReader = stdout.drainInBackground(process.getInputStream(), "child-stdout");
        Thread errReader = stderr.drainInBackground(process.getErrorStream(), "child-stderr");
        try {
            boolean exited = process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                ProcessTree.kill(process.toHandle(), killGrace);
            }
            awaitReaders(outReader, errReader);
            RunResult.Output output = new RunResult.Output(stdout.text(), stderr.text(),
                    stdout.truncated() || stderr.truncated());
            return exited ? new RunResult.Exited(output, process.exitValue()) : new RunResult.TimedOut(output);
        } catch (InterruptedException e) {
            ProcessTree.kill(process.toHandle(), killGrace);
            throw e;
        }
    }

    /**
     * Starts {@code command}'s argv in its directory with its environment and stderr choice, stdin a pipe, and
     * returns at once; its timeout, cap and stdin text do not apply (the caller reads, writes and stops).
     *
     * @throws IOException when the program cannot be started
     */
    public Child start(Command command) throws IOException {
        return new Child(launch(builder(command)), killGrace);
    }

    private static ProcessBuilder builder(Command command) {
        ProcessBuilder builder = new ProcessBuilder(command.argv()).directory(command.directory().toFile())
                .redirectErrorStream(command.mergeStderr());
        builder.environment().clear();
        builder.environment().putAll(command.environment());
        return builder;
    }

    /**
     * Starts the process from a platform thread that then waits for it, so the child's parent thread lives exactly
     * as long as the child. Linux ties {@code PR_SET_PDEATHSIG} (bubblewrap's {@code --die-with-parent}) to the
     * thread that started a process, not to the process: started from a pooled carrier thread that later
     * retires, the sandbox would be killed in the middle of its command.
     */
    private static Process launch(ProcessBuilder builder) throws IOException {
        CompletableFuture<Process> started = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("child-parent").start(() -> {
            try {
                Process process = builder.start();
                started.complete(process);
                awaitExit(process);
            } catch (IOException | RuntimeException e) {
                started.completeExceptionally(e);
            }
        });
        try {
            return started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException unexpected ? unexpected : e;
        }
    }

    private static void awaitExit(Process process) {
        while (true) {
            try {
                process.waitFor();
                return;
            } catch (InterruptedException e) {
                // nobody else holds this thread; it must outlive the child, so it keeps waiting
            }
        }
    }

    private static void feed(OutputStream stdin, String text) {
        Thread.ofVirtual().name("child-stdin").start(() -> {
            try (stdin) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the child closed its stdin or exited before reading it all: what it read is what it wanted
            }
        });
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
}
