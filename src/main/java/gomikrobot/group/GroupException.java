package gomikrobot.group;

/**
 * A group action that cannot be done, with a sentence that says why and what to do; {@code kind} tells the HTTP
 * API which status fits.
 */
public final class GroupException extends Exception {
    /** Why: a request the state refuses, nobody to send it to, or brokers that did not answer. */
    public enum Kind { NOT_IN_GROUP, NO_MEMBER, UNREACHABLE }

    private final Kind kind;

    public GroupException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
