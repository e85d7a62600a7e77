package gomikrobot.bus;

/**
 * Follows an answer while it is produced: its text arrives as deltas whose concatenation is the answer. A
 * provider that does not stream delivers the whole text as one delta.
 */
@FunctionalInterface
public interface AnswerStream {
    AnswerStream NONE = delta -> { };

    /** The next piece of the answer's text; called on the agent's thread, so it must not block for long. */
    void delta(String text);
}
