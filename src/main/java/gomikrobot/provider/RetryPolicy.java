package gomikrobot.provider;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * How often and how long to wait before trying a failed provider call again: at most {@code maxRetries} more
 * attempts, exponential backoff from {@code base} capped at {@code max} with equal jitter (half fixed, half random,
 * so callers that failed together do not retry together), or the server's {@code Retry-After} when it sent one,
 * capped at {@link #MAX_RETRY_AFTER}.
 */
public record RetryPolicy(int maxRetries, Duration base, Duration max, Sleeper sleeper, RandomGenerator random) {
    /** A server asking for a longer pause gets this much; the caller is a person waiting for an answer. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    public RetryPolicy {
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be between 0 and 10, got " + maxRetries);
        }
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(random, "random");
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max, got base=" + base + " max=" + max);
        }
    }

    /** 3 retries, 500 ms doubling up to 20 s, real sleeps. */
    public static RetryPolicy standard() {
        // ThreadLocalRandom.current() is one shared instance that draws from the calling thread's own seed
        return new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(20), Sleeper.system(),
                ThreadLocalRandom.current());
    }

    /** The wait before retry number {@code retry} (0 for the first retry). */
    public Duration delay(int retry, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
        }
        long capMillis = max.toMillis();
        long exponential = base.toMillis() << Math.min(retry, 30);
        long ceiling = exponential <= 0 || exponential > capMillis ? capMillis : exponential;
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }
}
