package gomikrobot.channels;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long a channel waits before reconnect attempt {@code n} (0-based): {@code base · 2^n}, capped, minus up to
 * {@code jitter} of itself at random so many gateways dropped together do not return together. The defaults
 * go from 1 s to 5 min.
 */
public final class ReconnectSchedule {
    public static final Duration DEFAULT_BASE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CAP = Duration.ofMinutes(5);
    public static final double DEFAULT_JITTER = 0.2;

    private final Duration base;
    private final Duration cap;
    private final double jitter;
    private final DoubleSupplier random;

    /** The defaults with {@link ThreadLocalRandom} as the source of jitter. */
    public static ReconnectSchedule standard() {
        return upTo(DEFAULT_CAP);
    }

    /** From the default 1 s up to {@code cap}, with the default jitter. */
    public static ReconnectSchedule upTo(Duration cap) {
        return new ReconnectSchedule(DEFAULT_BASE, cap, DEFAULT_JITTER, () -> ThreadLocalRandom.current().nextDouble());
    }

    public ReconnectSchedule(Duration base, Duration cap, double jitter, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, got " + base + " and " + cap);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
        this.base = base;
        this.cap = cap;
        this.jitter = jitter;
        this.random = random;
    }

    public Duration delay(int attempt) {
        int doublings = Math.min(Math.max(attempt, 0), 30);
        long millis = Math.min(cap.toMillis(), base.toMillis() << doublings);
        double factor = 1.0 - jitter * Math.clamp(random.getAsDouble(), 0.0, 1.0);
        return Duration.ofMillis(Math.round(millis * factor));
    }
}
