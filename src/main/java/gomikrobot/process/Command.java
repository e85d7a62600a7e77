package gomikrobot.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One child process to run: its argv (run directly, never through a shell unless argv says {@code sh -c}),
 * working directory and exact environment (see {@link ChildEnvironment}), and for {@link ProcessRunner#run}
 * its limits: the timeout after which the whole tree is killed, the byte cap per output stream, whether stderr
 * joins stdout, and what to write to stdin ({@code null}: stdin is {@code /dev/null}).
 */
public record Command(List<String> argv, Path directory, Map<String, String> environment, Duration timeout,
                      int outputCap, boolean mergeStderr, String stdin) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_OUTPUT_CAP = 64 * 1024;

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs a program");
        }
        Objects.requireNonNull(directory, "directory");
        environment = Map.copyOf(environment);
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (outputCap < 0) {
            throw new IllegalArgumentException("output cap must not be negative: " + outputCap);
        }
    }

    /** {@code argv} in {@code directory} with {@code environment}, 60 s, 64 KiB per stream, no stdin. */
    public static Command of(Path directory, ChildEnvironment environment, List<String> argv) {
        return new Command(argv, directory, environment.toMap(), DEFAULT_TIMEOUT, DEFAULT_OUTPUT_CAP, false, null);
    }

    public Command withTimeout(Duration limit) {
        return new Command(argv, directory, environment, limit, outputCap, mergeStderr, stdin);
    }

    public Command withOutputCap(int bytes) {
        return new Command(argv, directory, environment, timeout, bytes, mergeStderr, stdin);
    }

    /** Stderr interleaved into stdout, as a terminal shows it; {@link RunResult.Output#stderr()} stays empty. */
    public Command mergingStderr() {
        return new Command(argv, directory, environment, timeout, outputCap, true, stdin);
    }

    public Command withStdin(String text) {
        return new Command(argv, directory, environment, timeout, outputCap, mergeStderr, text);
    }

    /** The same limits around another program line and environment (how a sandbox wraps a command). */
    Command wrapped(List<String> newArgv, Map<String, String> newEnvironment) {
        return new Command(newArgv, directory, newEnvironment, timeout, outputCap, mergeStderr, stdin);
    }

    /** The program and its arguments as one line, for messages. */
    public String line() {
        return String.join(" ", argv);
    }
}
