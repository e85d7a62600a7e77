package gomikrobot.group;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a signed record seen before: its id is remembered (the most recent {@value #REMEMBERED} ids, far more
 * than a window's worth of records), and a record of a {@link Kind#windowed() windowed} kind whose time stamp is
 * more than {@link #WINDOW} away from now is refused too, so a record too old to be remembered cannot be replayed
 * either. Thread-safe.
 */
final class ReplayGuard {
    /** How far a record's time may be from ours: its age, plus the clocks' disagreement. */
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final int REMEMBERED = 50_000;

    private final Clock clock;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    ReplayGuard(Clock clock) {
        this.clock = clock;
    }

    /** Why the record must be dropped, or empty when it is fresh; a fresh record's id is remembered. */
    synchronized Optional<DropReason> check(Envelope e) {
        if (e.kind().windowed()) {
            Instant now = clock.instant();
            if (e.timestamp().isBefore(now.minus(WINDOW)) || e.timestamp().isAfter(now.plus(WINDOW))) {
                return Optional.of(DropReason.STALE);
            }
        }
        if (seen.putIfAbsent(e.kind().type() + ":" + e.id(), Boolean.TRUE) != null) {
            return Optional.of(DropReason.REPLAYED);
        }
        return Optional.empty();
    }

    /** Forgets a record whose handling failed, so its redelivery is handled instead of refused. */
    synchronized void forget(Envelope e) {
        seen.remove(e.kind().type() + ":" + e.id());
    }
}
