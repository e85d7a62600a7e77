package gomikrobot.cli;

import java.util.List;

/** {@code gomikrobot version}: the version and the Java runtime, nothing else (fast: no config, no database). */
final class VersionCommand implements Command {
    @Override
    public String name() {
        return "version";
    }

    @Override
    public String summary() {
        return "Print the version";
    }

    @Override
    public String usage() {
        return "usage: gomikrobot version";
    }

    @Override
    public ExitCode run(List<String> args, CliContext ctx) {
        Args.none(args).atMostPositional(0);
        ctx.out().println("gomikrobot " + Version.current() + " (Java " + Runtime.version().feature() + ")");
        return ExitCode.OK;
    }
}
