package gomikrobot.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gomikrobot <command> [options]}. Finds the command, runs it, maps failures to exit codes
 * ({@link ExitCode}): a runtime failure is one clear line on stderr, no stack trace; a usage error one line plus
 * the usage line.
 * The only {@code System.exit} of the program is here.
 */
public final class Main {
    private final Map<String, Command> commands = new LinkedHashMap<>();

    /** The given commands plus {@code help}, which lists them. */
    Main(List<Command> commands) {
        commands.forEach(c -> this.commands.put(c.name(), c));
        Command help = new HelpCommand(this::commands);
        this.commands.put(help.name(), help);
    }

    static Main standard() {
        return new Main(List.of(
                new GatewayCommand(),
                new AgentCommand(),
                new CronCommand(),
                new OnboardCommand(),
                new StatusCommand(),
                new WhatsAppSetupCommand(),
                new WhatsAppAuthCommand(),
                new TelegramSetupCommand(),
                new TelegramAuthCommand(),
                new InstallCommand(),
                new BackupCommand(),
                new RestoreCommand(),
                new VersionCommand()));
    }

    public static void main(String[] args) {
        int code = standard().run(Arrays.asList(args), CliContext.system());
        System.out.flush();
        System.exit(code);
    }

    int run(List<String> argv, CliContext ctx) {
        if (argv.isEmpty()) {
            return run(commands.get("help"), List.of(), ctx).status();
        }
        String name = argv.getFirst();
        if (name.equals("--help") || name.equals("-h")) {
            name = "help";
        } else if (name.equals("--version") || name.equals("-v")) {
            name = "version";
        }
        Command command = commands.get(name);
        if (command == null) {
            ctx.err().println("gomikrobot: unknown command \"" + name + "\" (try `gomikrobot help`)");
            return ExitCode.USAGE.status();
        }
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

    private List<Command> commands() {
        return List.copyOf(commands.values());
    }
}
