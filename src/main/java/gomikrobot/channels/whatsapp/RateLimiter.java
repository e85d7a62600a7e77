package gomikrobot.channels.whatsapp;

import gomikrobot.provider.Sleeper;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Spaces outbound messages per chat (default one a second) so a burst of answers does not look like spam to
 * WhatsApp. Each send reserves the next free slot of its chat, then waits for it; chats do not wait for each
 * other.
 */
final class RateLimiter {
    private static final int PRUNE_ABOVE = 1024;

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final Map<String, Long> nextSlot = new HashMap<>();

    RateLimiter(Duration interval, LongSupplier nanoTime, Sleeper sleeper) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("rate limit interval must not be negative: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** Blocks until {@code chat} may send again. */
    void acquire(String chat) throws InterruptedException {
        Duration wait = reserve(chat);
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    /** Takes the next slot of {@code chat} and says how long until it starts. */
    synchronized Duration reserve(String chat) {
        long now = nanoTime.getAsLong();
        if (nextSlot.size() > PRUNE_ABOVE) {
            nextSlot.values().removeIf(slot -> slot - now <= 0);
        }
        long slot = Math.max(now, nextSlot.getOrDefault(chat, now));
        nextSlot.put(chat, slot + intervalNanos);
        return Duration.ofNanos(slot - now);
    }
}
