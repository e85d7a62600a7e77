package gomikrobot.scheduler;

/**
 * A request about jobs that cannot be carried out, with a message that says what to do instead. {@link Reason}
 * is a closed set that each front end maps with an exhaustive {@code switch}: the API to a status, the command
 * line to an exit code, the {@code cron} tool to a failed result.
 */
public final class JobRefused extends RuntimeException {
    /** Why. */
    public enum Reason {
        /** The request is malformed or names something impossible: fix it and ask again. */
        INVALID,
        /** No such job (or none the caller may see). */
        NOT_FOUND,
        /** It clashes with what exists: a name taken, a run still going, a time passed. */
        CONFLICT
    }

    private final Reason reason;

    JobRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static JobRefused invalid(String message) {
        return new JobRefused(Reason.INVALID, message);
    }

    static JobRefused notFound(long id) {
        return new JobRefused(Reason.NOT_FOUND, "no job #" + id);
    }

    static JobRefused conflict(String message) {
        return new JobRefused(Reason.CONFLICT, message);
    }
}
