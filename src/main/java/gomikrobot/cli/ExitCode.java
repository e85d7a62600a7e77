package gomikrobot.cli;

/**
 * How {@code gomikrobot} ends, as its process exit status. Scripts may tell the kinds of failure of
 * {@code agent -m} apart by them.
 */
enum ExitCode {
    OK(0),
    /** A runtime failure: one clear line on stderr, never a stack trace. */
    FAILURE(1),
    /** Wrong arguments: one line plus the usage line. */
    USAGE(2),
    /** {@code agent -m}: the language model could not answer (unreachable, errors, no final answer). */
    MODEL_FAILED(3),
    /** {@code agent -m}: the daily token limit is reached; no call was made. */
    QUOTA_EXCEEDED(4),
    /** {@code agent -m}: no answer within the time given; the task goes on. */
    NO_ANSWER_IN_TIME(5);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    int status() {
        return status;
    }
}
