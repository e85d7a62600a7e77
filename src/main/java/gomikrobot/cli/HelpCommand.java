package gomikrobot.cli;

import java.util.List;
import java.util.function.Supplier;

/** {@code gomikrobot help [command]}: the command list, or one command's usage. */
final class HelpCommand implements Command {
    private final Supplier<List<Command>> commands;

    HelpCommand(Supplier<List<Command>> commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String summary() {
        return "Show commands, or one command's usage";
    }

    @Override
    public String usage() {
        return "usage: gomikrobot help [command]";
    }

    @Override
    public ExitCode run(List<String> args, CliContext ctx) {
        List<String> positional = Args.none(args).atMostPositional(1).positional();
        if (!positional.isEmpty()) {
            Command c = commands.get().stream().filter(x -> x.name().equals(positional.getFirst())).findFirst()
                    .orElseThrow(() -> new UsageException("no such command: " + positional.getFirst()));
            ctx.out().println(c.usage());
            return ExitCode.OK;
        }
        ctx.out().println("GoMikroBot " + Version.current() + " - a personal AI agent gateway");
        ctx.out().println();
        ctx.out().println("usage: gomikrobot <command> [options]");
        ctx.out().println();
        ctx.out().println("commands:");
        for (Command c : commands.get()) {
            ctx.out().printf("  %-15s %s%n", c.name(), c.summary());
        }
        ctx.out().println();
        ctx.out().println("`gomikrobot help <command>` shows a command's options. Home: ~/.gomikrobot (or $GOMIKROBOT_HOME).");
        return ExitCode.OK;
    }
}
