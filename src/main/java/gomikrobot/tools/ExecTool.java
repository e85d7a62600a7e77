package gomikrobot.tools;

import gomikrobot.config.ExecToolConfig;
import gomikrobot.json.JsonObject;
import gomikrobot.process.ChildEnvironment;
import gomikrobot.process.Command;
import gomikrobot.process.ProcessRunner;
import gomikrobot.process.RunResult;
import gomikrobot.process.Sandbox;
import gomikrobot.process.SandboxLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code exec} (tier 2): runs a command with {@code sh -c} in the workspace (or {@code working_dir}, kept inside
 * the roots when restricted to the workspace). Before it starts, {@link CommandGuard} may refuse it, and so does
 * a required sandbox that does not work (a {@link ToolResult.Denied} the model sees). It runs in the
 * {@link Sandbox} chosen at start: with bubblewrap it sees the system folders read-only, the workspace and the
 * work repo as its only writable places, a private {@code /tmp}, and neither the user's home nor the GoMikroBot
 * home. Its environment is {@link ChildEnvironment}'s (no keys), it has no stdin, and a timeout (configured,
 * default 60 s, never past the task's deadline) after which its whole process tree is killed. The model gets
 * stdout, then {@code STDERR:} and stderr, then {@code Exit code: N} when it is not zero, cut at
 * {@value #OUTPUT_CAP} bytes.
 */
public final class ExecTool implements Tool {
    static final int OUTPUT_CAP = 64 * 1024;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Duration timeout;
    private final boolean restrictToWorkspace;
    private final CommandGuard guard;
    private final Sandbox sandbox;
    private final ChildEnvironment environment;
    private final Path home;
    private final List<Path> hidden;
    private final Clock clock;
    private final ProcessRunner runner = new ProcessRunner();

    /** @param gomikrobotHome kept out of the sandbox's sight, with the user's home */
    public ExecTool(ExecToolConfig config, Sandbox sandbox, Path gomikrobotHome) {
        this(config, sandbox, gomikrobotHome, System.getenv(), Clock.systemUTC());
    }

    /** {@code baseEnvironment} stands for the gateway's environment; its {@code HOME} is what {@code ~} means. */
    ExecTool(ExecToolConfig config, Sandbox sandbox, Path gomikrobotHome, Map<String, String> baseEnvironment,
             Clock clock) {
        boolean positive = config.timeout() != null && config.timeout().isPositive();
        this.timeout = positive ? config.timeout() : DEFAULT_TIMEOUT;
        this.restrictToWorkspace = config.restrictToWorkspace();
        this.guard = new CommandGuard(config.allowCommands(), config.restrictToWorkspace());
        this.sandbox = sandbox;
        this.environment = ChildEnvironment.of(baseEnvironment);
        this.home = Path.of(baseEnvironment.getOrDefault("HOME", "/"));
        List<Path> secret = new ArrayList<>(List.of(gomikrobotHome));
        Optional.ofNullable(baseEnvironment.get("HOME")).map(Path::of).ifPresent(secret::add);
        this.hidden = List.copyOf(secret);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "exec";
    }

    @Override
    public String description() {
        String confinement = sandbox.confines()
                ? " It runs in a sandbox: besides the read-only system folders it sees only the workspace and the work"
                        + " repo, the only places it can write (plus a private /tmp)."
                : "";
        return "Run a shell command (sh -c) in the workspace and return its output. Destructive commands are refused;"
                + " commands time out after " + seconds(timeout) + "." + confinement;
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
        if (sandbox instanceof Sandbox.Unavailable unavailable) {
            return Optional.of("exec_sandbox_unavailable: tools.exec.sandbox is bubblewrap, but " + unavailable.reason()
                    + "; install bubblewrap or set tools.exec.sandbox to auto or off");
        }
        return guard.violation(args.string("command", ""));
    }

    @Override
    public String summary(JsonObject args) {
        String dir = args.string("working_dir", "");
        return args.string("command", "") + (dir.isBlank() ? "" : " (in " + dir + ")");
    }

    @Override
    public ToolResult execute(JsonObject args, ToolContext ctx) {
        String command = args.string("command", "");
        if (command.isBlank()) {
            return new ToolResult.Failed("command is empty");
        }
        Optional<String> refused = refusal(args); // again: execute() may be called directly
        if (refused.isPresent()) {
            return new ToolResult.Denied(refused.get());
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
        Command shell = Command.of(dir, environment, List.of("sh", "-c", command)).withTimeout(limit)
                .withOutputCap(OUTPUT_CAP);
        // present: an Unavailable sandbox was refused above
        Command confined = sandbox.confine(shell, new SandboxLayout(ctx.roots(), hidden)).orElseThrow();
        try {
            return switch (runner.run(confined)) {
                case RunResult.Exited exited -> new ToolResult.Ok(render(exited.output(), exited.exitCode()));
                case RunResult.TimedOut timedOut -> new ToolResult.Failed("command timed out after " + seconds(limit)
                        + partial(timedOut.output()));
                case RunResult.NotStarted notStarted -> new ToolResult.Failed("cannot start the command: "
                        + notStarted.reason());
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ToolResult.Failed("interrupted; the command was killed");
        }
    }

    private Path workingDirectory(String requested, ToolContext ctx) {
        if (requested.isBlank()) {
            return ctx.workspace();
        }
        List<Path> roots = restrictToWorkspace ? ctx.roots() : List.of(ctx.workspace().toAbsolutePath().getRoot());
        return new PathGuard(roots, home).resolveExisting(requested, ctx.workspace());
    }

    /** stdout, then STDERR, cut at the cap; the exit code after the cut so it is never lost. */
    static String render(RunResult.Output output, int exitCode) {
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

    private static String partial(RunResult.Output output) {
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
