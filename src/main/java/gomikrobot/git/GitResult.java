package gomikrobot.git;

/**
 * What came of one git or gh command. Every failure carries the contract's error string,
 * {@code "<program> <args> failed: <its own words>"}, so the caller can show git's line as it is.
 */
public sealed interface GitResult permits GitResult.Done, GitResult.Refused, GitResult.TimedOut, GitResult.CannotRun {
    /** The output when done, else the error string. */
    default String text() {
        return switch (this) {
            case Done done -> done.output();
            case Refused refused -> refused.error();
            case TimedOut timedOut -> timedOut.error();
            case CannotRun cannotRun -> cannotRun.error();
        };
    }

    /** Exit 0; stdout and stderr as they interleaved. */
    record Done(String output) implements GitResult {
    }

    /**
     * The program ran and said no (unknown branch, nothing to commit, no commits yet, no remote, no identity),
     * or the repository folder does not exist: the repository's state refuses the request.
     */
    record Refused(String error) implements GitResult {
    }

    /** Killed at the timeout (a push waiting on a slow network, say). */
    record TimedOut(String error) implements GitResult {
    }

    /** The program could not be run here (not installed), or the wait was interrupted. */
    record CannotRun(String error) implements GitResult {
    }
}
