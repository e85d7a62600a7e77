package gomikrobot.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Ends a child and everything it started: SIGTERM to every descendant (a snapshot taken first, before they can
 * be re-parented) and to the child, then SIGKILL for whatever is still alive after the grace period. Returns
 * once the child itself is reaped (or one more grace period passed), so its {@code isAlive()} is then false.
 */
final class ProcessTree {
    private ProcessTree() {
    }

    static void kill(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = Stream.concat(root.descendants(), Stream.of(root)).toList();
        tree.forEach(ProcessHandle::destroy);
        boolean interrupted = !await(CompletableFuture.allOf(
                tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new)), grace);
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        interrupted = interrupted || !await(root.onExit(), grace);
        if (interrupted) {
            Thread.currentThread().interrupt(); // the tree got its SIGKILL anyway; now the caller sees the flag
        }
    }

    /** Waits up to {@code grace} for {@code exit}; false only when interrupted (a timeout just ends the wait). */
    private static boolean await(CompletableFuture<?> exit, Duration grace) {
        try {
            exit.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // some ignored SIGTERM, or sleeps in the kernel: SIGKILL settles the one, the other dies when it wakes
        } catch (InterruptedException e) {
            return false;
        }
        return true;
    }
}
