package gomikrobot.agent;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: one instance per session gives
 * "each session in order, sessions in parallel" without a thread per idle session. {@code onIdle} runs on the
 * worker each time the queue has run dry, so an owner can retire the lane.
 */
final class SerialExecutor implements Executor {
    private final Executor backing;
    private final Consumer<SerialExecutor> onIdle;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private boolean running;

    SerialExecutor(Executor backing, Consumer<SerialExecutor> onIdle) {
        this.backing = backing;
        this.onIdle = onIdle;
    }

    SerialExecutor(Executor backing) {
        this(backing, idle -> { });
    }

    @Override
    public void execute(Runnable task) {
        lock.lock();
        try {
            tasks.add(task);
            if (!running) {
                running = true;
                start();
            }
        } finally {
            lock.unlock();
        }
    }

    /** True while a task runs or waits. */
    boolean busy() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    /** Starts the worker; if the executor refuses (it is shutting down), the lane is left as it was. */
    private void start() {
        try {
            backing.execute(this::drain);
        } catch (RejectedExecutionException e) {
            running = false;
            tasks.clear();
            throw e;
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            lock.lock();
            try {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    break;
                }
            } finally {
                lock.unlock();
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                // Tasks handle their own failures; one that escapes must not strand the session's queue.
                Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
            }
        }
        onIdle.accept(this);
    }
}
