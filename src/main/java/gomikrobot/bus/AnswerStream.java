package gomikrobot.bus;

/**
 * Follows an answer while it is produced: its text arrives as deltas whose concatenation is the answer (the
 * model's text as it writes it, across its tool rounds). A provider that does not stream delivers each round's
 * text as one delta. Both methods are called on the agent's thread, so they must not block for long.
 */
@FunctionalInterface
public interface AnswerStream {
    AnswerStream NONE = delta -> { };

    /** The next piece of the answer's text. */
    void delta(String text);

    /** The agent starts running the tool {@code name}; the answer goes on once the tool has finished. */
    default void toolRunning(String name) {
        // most followers show only the text
    }
}
