package gomikrobot.process;

/** How one {@link ProcessRunner#run} ended: the program exited, it was killed at its timeout, or it never ran. */
public sealed interface RunResult permits RunResult.Exited, RunResult.TimedOut, RunResult.NotStarted {
    /** What the program wrote, each stream cut at the command's cap ({@code truncated} says whether it was). */
    record Output(String stdout, String stderr, boolean truncated) {
    }

    record Exited(Output output, int exitCode) implements RunResult {
    }

    /** The whole process tree was killed; the output is what arrived before. */
    record TimedOut(Output output) implements RunResult {
    }

    /** The program could not be started (not installed, no such directory); the reason names it. */
    record NotStarted(String reason) implements RunResult {
    }
}
