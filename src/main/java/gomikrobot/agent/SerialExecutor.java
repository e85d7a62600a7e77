package gomikrobot.agent;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: one instance per session gives
 * "each session in order, sessions in parallel" without a thread per idle session.
 */
final class SerialExecutor implements Executor {
    private final Executor backing;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private boolean running;

    SerialExecutor(Executor backing) {
        this.backing = backing;
    }

    @Override
    public void execute(Runnable task) {
        lock.lock();
        try {
            tasks.add(task);
            if (!running) {
                running = true;
                backing.execute(this::drain);
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

    private void drain() {
        while (true) {
            Runnable next;
            lock.lock();
            try {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
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
    }
}
