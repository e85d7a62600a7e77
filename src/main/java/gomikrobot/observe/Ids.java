package gomikrobot.observe;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Identifiers in the original's formats: hex16 / hex32 (8 / 16 random bytes), {@code trace-<unixnano>}, and
 * unix nanoseconds for event ids such as {@code LOCAL_IN_<unixnano>}. Time comes from the injected clock so
 * tests can pin it; nanosecond values are made strictly increasing so two ids minted in the same instant differ.
 */
public final class Ids {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final java.util.concurrent.atomic.AtomicLong lastNano = new java.util.concurrent.atomic.AtomicLong();

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public String hex16() {
        return hex(8);
    }

    public String hex32() {
        return hex(16);
    }

    /** Nanoseconds since the epoch, strictly increasing across calls. */
    public long unixNano() {
        Instant now = clock.instant();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        return lastNano.accumulateAndGet(nanos, (last, next) -> next > last ? next : last + 1);
    }

    /** {@code trace-<unixnano>}, the agent loop's trace id for messages that arrive without one. */
    public String loopTraceId() {
        return "trace-" + unixNano();
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
