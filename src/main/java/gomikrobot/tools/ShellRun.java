package gomikrobot.tools;

/** How one shell command ended: it exited, it was killed at its timeout, or it never properly ran. */
sealed interface ShellRun permits ShellRun.Exited, ShellRun.TimedOut, ShellRun.Aborted {
    /** What the command wrote, each stream cut at the runner's cap ({@code truncated} says whether it was). */
    record Output(String stdout, String stderr, boolean truncated) {
    }

    record Exited(Output output, int exitCode) implements ShellRun {
    }

    /** The whole process tree was killed; the output is what arrived before. */
    record TimedOut(Output output) implements ShellRun {
    }

    /** The shell could not be started, or the waiting thread was interrupted (the tree was killed). */
    record Aborted(String reason) implements ShellRun {
    }
}
