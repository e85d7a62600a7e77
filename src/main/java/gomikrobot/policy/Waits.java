package gomikrobot.policy;

import java.time.Duration;

/** How the length of an approval wait is told to people and to the model: {@code 5 min}, {@code 90 s}. */
public final class Waits {
    private Waits() {
    }

    /** Whole minutes as {@code N min}, anything else in seconds (at least 1). */
    public static String describe(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
