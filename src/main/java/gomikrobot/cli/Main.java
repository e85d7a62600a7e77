package gomikrobot.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code gomikrobot <command> [options]}. Finds the command, runs it, maps failures to exit codes
 * ({@link ExitCode}): a runtime failure is one clear line on stderr, no stack trace; a usage error one line plus
 * the usage line.
 * The only {@code System.exit} of the program is here.
 */
public final class Main {
    private final Commands commands;

    /** {@code commands} plus {@code help}, which lists them. */
    Main(Commands commands) {
        this.commands = commands;
    }

    static Main standard() {
        return new Main(Commands.standard());
    }

    public static void main(String[] args) {
        int code = standard().run(Arrays.asList(args), CliContext.system());
        System.out.flush();
        System.exit(code);
    }

    int run(List<String> argv, CliContext ctx) {
        if (argv.isEmpty()) {
            return run(command("help").orElseThrow(), List.of(), ctx).status();
        }
        String name = argv.getFirst();
        if (name.equals("--help") || name.equals("-h")) {
            name = "help";
        } else if (name.equals("--version") || name.equals("-v")) {
            name = "version";
        }
        Optional<Command> found = command(name);
        if (found.isEmpty()) {
            ctx.err().println("gomikrobot: unknown command \"" + name + "\" (try `gomikrobot help`)");
            return ExitCode.USAGE.status();
        }
        Command command = found.get();
        List<String> rest = argv.subList(1, argv.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            ctx.out().println(command.usage());
            return ExitCode.OK.status();
        }
        return run(command, rest, ctx).status();
    }

    private ExitCode run(Command command, List<String> rest, CliContext ctx) {
        try {
            return command.run(rest, ctx);
        } catch (UsageException e) {
            ctx.err().println("gomikrobot " + command.name() + ": " + e.getMessage());
            ctx.err().println(command.usage().lines().findFirst().orElse(""));
            return ExitCode.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.err().println("gomikrobot " + command.name() + ": interrupted");
            return ExitCode.FAILURE;
        } catch (Exception e) {
            ctx.err().println("gomikrobot " + command.name() + ": " + Failures.describe(e));
            return ExitCode.FAILURE;
        }
    }

    private Optional<Command> command(String name) {
        return name.equals("help") ? Optional.of(new HelpCommand(this::all)) : commands.named(name);
    }

    /** Every command, made now: only {@code help} needs them all. */
    private List<Command> all() {
        List<Command> all = new ArrayList<>();
        for (String name : commands.names()) {
            commands.named(name).ifPresent(all::add);
        }
        all.add(new HelpCommand(this::all));
        return all;
    }
}
