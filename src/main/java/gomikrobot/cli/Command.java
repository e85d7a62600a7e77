package gomikrobot.cli;

import java.util.List;

/** One subcommand of {@code gomikrobot}: its name, a one-line summary, its usage text, and how it runs. */
interface Command {
    String name();

    String summary();

    /** Full usage text, first line {@code usage: gomikrobot <name> ...}. */
    String usage();

    /** Runs the command; returns how it ended. */
    ExitCode run(List<String> args, CliContext ctx) throws Exception;
}
