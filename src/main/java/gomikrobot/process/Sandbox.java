package gomikrobot.process;

import gomikrobot.config.ExecToolConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * How {@code exec}'s commands are confined on this machine, decided once at start by {@link #choose}, which
 * really runs bubblewrap to find out whether it works here (unless a {@link BubblewrapNote} says it worked since
 * the machine booted). {@link Bubblewrap} wraps each command; the other
 * two run nothing in a sandbox: {@link Unconfined} runs commands as they are (sandbox off, or {@code auto} on a
 * machine without a working bubblewrap), {@link Unavailable} means the configuration demands bubblewrap and it
 * does not work, so the caller refuses to run anything. {@link #summary} is the one sentence status shows.
 */
public sealed interface Sandbox permits Sandbox.Bubblewrap, Sandbox.Unconfined, Sandbox.Unavailable {
    Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Commands run inside bubblewrap ({@code binary}); {@code network} says whether they share the host's.
     * bubblewrap itself starts with only {@code PATH}, {@code LANG} and {@code HOME} (the private {@code /tmp}),
     * since the sandbox's {@code /proc/1/environ} is bubblewrap's own environment.
     */
    record Bubblewrap(Path binary, boolean network) implements Sandbox {
        private static final Set<String> PASSED = Set.of("PATH", "LANG");

        public Command wrap(Command command, SandboxLayout layout) {
            Map<String, String> environment = new TreeMap<>(command.environment());
            environment.keySet().retainAll(PASSED);
            environment.put("HOME", BubblewrapArgs.SANDBOX_TMP.toString());
            return command.wrapped(BubblewrapArgs.argv(binary, layout, network, command.directory(), command.argv()),
                    environment);
        }
    }

    /** Commands run unsandboxed, for {@code reason}. */
    record Unconfined(String reason) implements Sandbox {
    }

    /** The sandbox is required but does not work, for {@code reason}: nothing may run. */
    record Unavailable(String reason) implements Sandbox {
    }

    /**
     * The sandbox {@code config} asks for, as this machine allows it. Runs bubblewrap once (a no-op command in
     * the real sandbox shape) unless the sandbox is off or the {@link BubblewrapNote} in {@code cacheDir} says that
     * it worked since the machine booted; a success is noted there for the next start.
     *
     * @param gatewayEnvironment where {@code PATH} (to find {@code bwrap}) comes from
     */
    static Sandbox choose(ExecToolConfig config, Map<String, String> gatewayEnvironment, ProcessRunner runner,
                          Path cacheDir) {
        return switch (config.sandbox()) {
            case OFF -> new Unconfined("tools.exec.sandbox is off");
            case AUTO -> probe(config.network(), gatewayEnvironment, runner, cacheDir);
            case BUBBLEWRAP -> {
                Sandbox probed = probe(config.network(), gatewayEnvironment, runner, cacheDir);
                yield probed instanceof Unconfined u ? new Unavailable(u.reason()) : probed;
            }
        };
    }

    /** {@link #choose} with the gateway's environment and a fresh runner. */
    static Sandbox choose(ExecToolConfig config, Path cacheDir) {
        return choose(config, System.getenv(), new ProcessRunner(), cacheDir);
    }

    /** {@link #choose} on a virtual thread of its own, so that the probe overlaps the caller's other start-up work. */
    static CompletableFuture<Sandbox> chooseInBackground(ExecToolConfig config, Path cacheDir) {
        return CompletableFuture.supplyAsync(() -> choose(config, cacheDir),
                task -> Thread.ofVirtual().name("sandbox-probe").start(task));
    }

    /** {@code command} as it runs under this sandbox, or empty when nothing may run ({@link Unavailable}). */
    default Optional<Command> confine(Command command, SandboxLayout layout) {
        return switch (this) {
            case Bubblewrap b -> Optional.of(b.wrap(command, layout));
            case Unconfined u -> Optional.of(command);
            case Unavailable u -> Optional.empty();
        };
    }

    default boolean confines() {
        return this instanceof Bubblewrap;
    }

    /** One sentence for {@code gomikrobot status}, {@code /api/v1/status}, the dashboard and the start-up log. */
    default String summary() {
        return switch (this) {
            case Bubblewrap b -> "exec is sandboxed (bubblewrap, " + (b.network() ? "network shared" : "no network") + ")";
            case Unconfined u -> "exec is not sandboxed: " + u.reason();
            case Unavailable u -> "exec is not sandboxed, so it refuses every command: " + u.reason();
        };
    }

    /** bubblewrap when a no-op command ran in the real sandbox shape and exited 0; else why not. */
    private static Sandbox probe(boolean network, Map<String, String> environment, ProcessRunner runner,
                                 Path cacheDir) {
        Optional<Path> binary = onPath("bwrap", environment.get("PATH"));
        if (binary.isEmpty()) {
            String os = System.getProperty("os.name", "");
            return new Unconfined(os.startsWith("Linux") ? "bwrap is not installed (Debian/Ubuntu package bubblewrap)"
                    : "bubblewrap is Linux-only and this is " + os);
        }
        Bubblewrap sandbox = new Bubblewrap(binary.get(), network);
        BubblewrapNote note = new BubblewrapNote(cacheDir, sandbox);
        if (note.vouches()) {
            return sandbox;
        }
        Command noop = sandbox.wrap(Command.of(Path.of("/"), ChildEnvironment.of(environment),
                List.of("sh", "-c", "exit 0")).withTimeout(PROBE_TIMEOUT).mergingStderr(),
                new SandboxLayout(List.of(), List.of()));
        try {
            return switch (runner.run(noop)) {
                case RunResult.Exited e when e.exitCode() == 0 -> {
                    note.record();
                    yield sandbox;
                }
                case RunResult.Exited e -> new Unconfined("bwrap does not work here: "
                        + e.output().stdout().strip().lines().findFirst().orElse("exit status " + e.exitCode()));
                case RunResult.TimedOut t -> new Unconfined("bwrap did not finish a no-op within "
                        + PROBE_TIMEOUT.toSeconds() + " s");
                case RunResult.NotStarted n -> new Unconfined("cannot run bwrap: " + n.reason());
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unconfined("interrupted while checking bwrap");
        }
    }

    private static Optional<Path> onPath(String program, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
