package gomikrobot.channels;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;

/**
 * One lane per chat: the work of one chat runs one item at a time, the work of different chats in parallel, and
 * a chat with nothing to do holds no thread. Work waiting in a lane runs in the order of its {@code order} value
 * (a message's own timestamp, so a message that reached us a moment late still goes first), then in the order it
 * was submitted. A failure of one item is reported to the thread's uncaught-exception handler and never stalls
 * the lane.
 */
public final class ChatLanes {
    private record Item(long order, long seq, Runnable work) {
    }

    private final Executor threads;
    private final Map<String, PriorityQueue<Item>> waiting = new HashMap<>();
    private long submitted;

    /** {@code threads} runs one drain per busy lane (virtual threads in production, the caller's in tests). */
    public ChatLanes(Executor threads) {
        this.threads = threads;
    }

    /** Runs {@code work} in {@code chat}'s lane after the work submitted before it. */
    public void submit(String chat, Runnable work) {
        submit(chat, Long.MIN_VALUE, work);
    }

    /** Runs {@code work} in {@code chat}'s lane; waiting work with a smaller {@code order} goes first. */
    public void submit(String chat, long order, Runnable work) {
        boolean start;
        synchronized (this) {
            PriorityQueue<Item> lane = waiting.get(chat);
            start = lane == null;
            if (start) {
                lane = new PriorityQueue<>((a, b) -> a.order() != b.order()
                        ? Long.compare(a.order(), b.order()) : Long.compare(a.seq(), b.seq()));
                waiting.put(chat, lane);
            }
            lane.add(new Item(order, submitted++, work));
        }
        if (start) {
            threads.execute(() -> drain(chat));
        }
    }

    /** True while some lane has work running or waiting. */
    public synchronized boolean busy() {
        return !waiting.isEmpty();
    }

    /** Waits until every lane is idle or {@code timeout} passed; true when idle. */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!waiting.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private void drain(String chat) {
        while (true) {
            Item next;
            synchronized (this) {
                PriorityQueue<Item> lane = waiting.get(chat);
                next = lane.poll();
                if (next == null) {
                    waiting.remove(chat); // an idle chat keeps no queue: lanes come and go with the chats
                    notifyAll();
                    return;
                }
            }
            try {
                next.work().run();
            } catch (RuntimeException e) {
                Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
            }
        }
    }
}
