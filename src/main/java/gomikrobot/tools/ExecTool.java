package gomikrobot.tools;

import gomikrobot.config.ExecToolConfig;
import gomikrobot.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code exec} (tier 2): runs a command with {@code sh -c} in the workspace (or {@code working_dir}, kept inside
 * the roots when restricted to the workspace). Before it starts, {@link CommandGuard} may refuse it (a
 * {@link ToolResult.Denied} the model sees). It runs with a scrubbed environment ({@link ChildEnvironment}), no
 * stdin, and a timeout (configured, default 60 s, never past the task's deadline) after which its whole process
 * tree is killed. The model gets stdout, then {@code STDERR:} and stderr, then {@code Exit code: N} when it is
 * not zero, cut at {@value #OUTPUT_CAP} bytes.
 */
public final class ExecTool implements Tool {
    static final int OUTPUT_CAP = 64 * 1024;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Duration timeout;
    private final boolean restrictToWorkspace;
    private final CommandGuard guard;
    private final Map<String, String> environment;
    private final Path home;
    private final Clock clock;
    private final ShellRunner runner = new ShellRunner(OUTPUT_CAP);

    public ExecTool(ExecToolConfig config) {
        this(config, System.getenv(), Clock.systemUTC());
    }

    /** {@code baseEnvironment} stands for the gateway's environment; its {@code HOME} is what {@code ~} means. */
    ExecTool(ExecToolConfig config, Map<String, String> baseEnvironment, Clock clock) {
        boolean positive = config.timeout() != null && config.timeout().isPositive();
        this.timeout = positive ? config.timeout() : DEFAULT_TIMEOUT;
        this.restrictToWorkspace = config.restrictToWorkspace();
        this.guard = new CommandGuard(config.allowCommands(), config.restrictToWorkspace());
        this.environment = Map.copyOf(ChildEnvironment.scrub(baseEnvironment));
        this.home = Path.of(baseEnvironment.getOrDefault("HOME", "/"));
        this.clock = clock;
    }

    @Override
    public String name() {
        return "exec";
    }

    @Override
    public String description() {
        return "Run a shell command (sh -c) in the workspace and return its output. Destructive commands are refused;"
                + " commands time out after " + seconds(timeout) + ".";
    }

    @Override
    public Map<String, Object> parameters() {
        return Schema.object(Map.of(
                "command", Schema.string("The shell command to run"),
                "working_dir", Schema.string("Directory to run in, relative to the workspace (default: the workspace)")),
                "command");
    }

    @Override
    public int tier() {
        return 2;
    }

    @Override
    public Optional<String> refusal(JsonObject args) {
        return guard.violation(args.string("command", ""));
    }

    @Override
    public ToolResult execute(JsonObject args, ToolContext ctx) {
        String command = args.string("command", "");
        if (command.isBlank()) {
            return new ToolResult.Failed("command is empty");
        }
        Optional<String> violation = guard.violation(command); // again: execute() may be called directly
        if (violation.isPresent()) {
            return new ToolResult.Denied(violation.get());
        }
        Path dir = workingDirectory(args.string("working_dir", ""), ctx);
        if (!Files.isDirectory(dir)) {
            return new ToolResult.Failed("working directory does not exist: " + dir);
        }
        Duration limit = ctx.deadline() == null ? timeout
                : minimum(timeout, Duration.between(clock.instant(), ctx.deadline()));
        if (!limit.isPositive()) {
            return new ToolResult.Failed("the task's deadline has passed; command not started");
        }
        return switch (runner.run(command, dir, environment, limit)) {
            case ShellRun.Exited exited -> new ToolResult.Ok(render(exited.output(), exited.exitCode()));
            case ShellRun.TimedOut timedOut -> new ToolResult.Failed("command timed out after " + seconds(limit)
                    + partial(timedOut.output()));
            case ShellRun.Aborted aborted -> new ToolResult.Failed(aborted.reason());
        };
    }

    private Path workingDirectory(String requested, ToolContext ctx) {
        if (requested.isBlank()) {
            return ctx.workspace();
        }
        List<Path> roots = restrictToWorkspace ? ctx.roots() : List.of(ctx.workspace().toAbsolutePath().getRoot());
        return new PathGuard(roots, home).resolveExisting(requested, ctx.workspace());
    }

    /** stdout, then STDERR, cut at the cap; the exit code after the cut so it is never lost. */
    static String render(ShellRun.Output output, int exitCode) {
        StringBuilder text = new StringBuilder(output.stdout());
        if (!output.stderr().isEmpty()) {
            endLine(text).append("STDERR:\n").append(output.stderr());
        }
        if (output.truncated() || text.length() > OUTPUT_CAP) {
            text.setLength(Math.min(text.length(), OUTPUT_CAP));
            text.append("\n... (output truncated at ").append(OUTPUT_CAP / 1024).append(" KiB)");
        }
        if (exitCode != 0) {
            endLine(text).append("Exit code: ").append(exitCode);
        }
        return text.isEmpty() ? "(no output)" : text.toString();
    }

    /** Starts a new line unless the text is empty or already ends one. */
    private static StringBuilder endLine(StringBuilder text) {
        return text.isEmpty() || text.charAt(text.length() - 1) == '\n' ? text : text.append('\n');
    }

    private static String partial(ShellRun.Output output) {
        String text = render(output, 0);
        return text.equals("(no output)") ? "" : "\n" + text;
    }

    private static Duration minimum(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
