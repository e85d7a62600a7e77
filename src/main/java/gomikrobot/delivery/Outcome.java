package gomikrobot.delivery;

import java.time.Instant;

/** What a route did with one answer; the worker turns it into the task's delivery state. */
public sealed interface Outcome {
    /** Handed over: delivery {@code sent}. */
    record Sent() implements Outcome {
    }

    /** Deliberately not sent (silent mode): delivery {@code skipped}. */
    record Skipped(String reason) implements Outcome {
    }

    /** Failed but may work later: stays {@code pending} with a backoff, until the attempts run out. */
    record Retry(String reason) implements Outcome {
    }

    /** Not now (quiet hours): stays {@code pending} until {@code until}, and no attempt is counted. */
    record Held(Instant until, String reason) implements Outcome {
    }

    /** Can never work (no such route, malformed chat id): delivery {@code failed}. */
    record Failed(String reason) implements Outcome {
    }
}
