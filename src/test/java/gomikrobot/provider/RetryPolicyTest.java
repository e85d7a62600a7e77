package gomikrobot.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(20),
            new RecordingSleeper(), new Random(7));

    @Test
    void backoffDoublesWithEqualJitterAndStopsAtTheCap() {
        for (int retry = 0; retry < 12; retry++) {
            long ceiling = Math.min(20_000, 500L << retry);
            long wait = policy.delay(retry, Optional.empty()).toMillis();
            assertTrue(wait >= ceiling / 2 && wait <= ceiling, "retry " + retry + " waited " + wait);
        }
    }

    @Test
    void retryAfterIsHonouredButCappedAtSixtySeconds() {
        assertEquals(Duration.ofSeconds(3), policy.delay(0, Optional.of(Duration.ofSeconds(3))));
        assertEquals(RetryPolicy.MAX_RETRY_AFTER, policy.delay(0, Optional.of(Duration.ofHours(2))));
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2025-03-01T12:00:00Z");

        assertEquals(Optional.of(Duration.ofSeconds(12)), RetryAfter.parse(" 12 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Sat, 01 Mar 2025 12:00:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sat, 01 Mar 2025 11:00:00 GMT", now));
        assertEquals(Optional.of(RetryPolicy.MAX_RETRY_AFTER), RetryAfter.parse("99999999999999999999999", now));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", now));
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(-1, Duration.ofMillis(1),
                Duration.ofMillis(2), new RecordingSleeper(), new Random()));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, Duration.ofSeconds(5),
                Duration.ofSeconds(1), new RecordingSleeper(), new Random()));
    }
}
