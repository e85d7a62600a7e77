package gomikrobot.git;

import gomikrobot.observe.Log;
import gomikrobot.process.ChildEnvironment;
import gomikrobot.process.Command;
import gomikrobot.process.ProcessRunner;
import gomikrobot.process.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code git} and {@code gh} through the {@link ProcessRunner}: directly (no shell), argv as given, in a
 * repository folder, stdout and stderr together, no stdin, a timeout after which the process tree is killed,
 * output capped at {@link #MAX_OUTPUT_BYTES}.
 *
 * <p>The environment is {@link ChildEnvironment}'s allowlist plus what these two programs exist to use,
 * passed on by name ({@link #GRANTED}): gh's token, the ssh agent's socket for a push over ssh, proxies, and a
 * commit identity set in the environment. {@code GIT_DIR} and the like are never passed, so the folder alone
 * decides the repository; {@code GIT_TERMINAL_PROMPT=0} and {@code GH_PROMPT_DISABLED=1} make a command that
 * lacks credentials fail at once instead of waiting for a password nobody will type.
 */
public final class Git {
    static final int MAX_OUTPUT_BYTES = 4 << 20;
    static final List<String> GRANTED = List.of("GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN",
            "GITHUB_ENTERPRISE_TOKEN", "GH_HOST", "SSH_AUTH_SOCK", "GIT_SSH_COMMAND", "GIT_AUTHOR_NAME",
            "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL", "http_proxy", "https_proxy",
            "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY");
    private static final Map<String, String> NO_PROMPTS = Map.of("GIT_TERMINAL_PROMPT", "0", "GH_PROMPT_DISABLED", "1");

    private final Duration timeout;
    private final ChildEnvironment environment;
    private final ProcessRunner runner = new ProcessRunner();
    private final Log log;

    public Git(Duration timeout, Log log) {
        this(timeout, System.getenv(), log);
    }

    /** {@code gatewayEnvironment} stands for the gateway's environment. */
    Git(Duration timeout, Map<String, String> gatewayEnvironment, Log log) {
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("git timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
        this.environment = ChildEnvironment.of(gatewayEnvironment).passing(GRANTED).plus(NO_PROMPTS);
        this.log = log;
    }

    public GitResult git(Path repo, String... args) {
        return run(repo, "git", args);
    }

    public GitResult gh(Path dir, String... args) {
        return run(dir, "gh", args);
    }

    private GitResult run(Path dir, String program, String... args) {
        List<String> argv = new ArrayList<>(args.length + 1);
        argv.add(program);
        argv.addAll(List.of(args));
        String label = String.join(" ", argv);
        if (!Files.isDirectory(dir)) {
            return new GitResult.Refused(label + " failed: the folder " + dir + " does not exist");
        }
        Command command = Command.of(dir, environment, argv).withTimeout(timeout).withOutputCap(MAX_OUTPUT_BYTES)
                .mergingStderr();
        try {
            return switch (runner.run(command)) {
                case RunResult.Exited e when e.exitCode() == 0 -> {
                    log.debug("git command finished", "command", program + " " + (args.length > 0 ? args[0] : ""));
                    yield new GitResult.Done(text(e.output()));
                }
                case RunResult.Exited e -> new GitResult.Refused(label + " failed: " + text(e.output()).strip());
                case RunResult.TimedOut t -> {
                    log.warn("git command timed out", "command", label, "timeout", describe(timeout));
                    yield new GitResult.TimedOut(label + " failed: "
                            + (text(t.output()) + "\ntimed out after " + describe(timeout)).strip());
                }
                case RunResult.NotStarted n -> new GitResult.CannotRun(label + " failed: cannot run " + program
                        + ": " + n.reason());
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GitResult.CannotRun(label + " failed: interrupted");
        }
    }

    private static String text(RunResult.Output output) {
        return output.truncated() ? output.stdout() + "\n... (output truncated)" : output.stdout();
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
