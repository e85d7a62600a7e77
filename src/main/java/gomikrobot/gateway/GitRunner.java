package gomikrobot.gateway;

import gomikrobot.observe.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code git} and {@code gh} the safe way: directly (no shell), argv as given, in a working directory,
 * stdout and stderr together, stdin closed, a timeout after which the process and its children are killed,
 * and output capped at {@link #MAX_OUTPUT_BYTES}.
 *
 * <p>The environment is the gateway's, minus secrets: every variable whose name contains KEY, TOKEN, SECRET,
 * PASSWORD or AUTH is removed (LLM keys, the gateway token), except the ones these programs exist to use:
 * {@code GH_TOKEN}, {@code GITHUB_TOKEN} and their enterprise forms (gh's credentials) and
 * {@code SSH_AUTH_SOCK} (the ssh agent's socket path, which git push over ssh needs; it is not a secret).
 * {@code GIT_DIR}, {@code GIT_WORK_TREE} and {@code GIT_INDEX_FILE} are removed too, so the working directory
 * alone decides the repository. {@code GIT_TERMINAL_PROMPT=0} and {@code GH_PROMPT_DISABLED=1} make a push or
 * pull that lacks credentials fail at once instead of waiting for a password nobody will type.
 */
public final class GitRunner {
    static final int MAX_OUTPUT_BYTES = 4 << 20;
    private static final List<String> SECRET_NAME_PARTS = List.of("KEY", "TOKEN", "SECRET", "PASSWORD", "AUTH");
    private static final Set<String> KEPT = Set.of("GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN",
            "GITHUB_ENTERPRISE_TOKEN", "SSH_AUTH_SOCK");
    private static final Set<String> DROPPED = Set.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE");

    private final Duration timeout;
    private final Log log;

    public GitRunner(Duration timeout, Log log) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("git timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
        this.log = log;
    }

    /** What a run produced: its combined output, or the contract's error string. */
    public sealed interface Outcome permits Succeeded, Failed {
    }

    public record Succeeded(String output) implements Outcome {
    }

    /** {@code error} is {@code "<program> <args> failed: <trimmed output>"}. */
    public record Failed(String error) implements Outcome {
    }

    public Outcome run(Path dir, String program, String... args) {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add(program);
        command.addAll(List.of(args));
        String label = String.join(" ", command);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        scrub(builder.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Failed(label + " failed: cannot run " + program + " in " + dir + ": " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            OutputReader reader = new OutputReader(process.getInputStream());
            Thread readerThread = Thread.ofVirtual().name("git-output").start(reader);
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(process);
            }
            readerThread.join(Duration.ofSeconds(5));
            String output = reader.text();
            if (!finished) {
                log.warn("git command timed out", "command", label, "timeout", describe(timeout));
                return new Failed(label + " failed: " + (output + "\ntimed out after " + describe(timeout)).strip());
            }
            log.debug("git command finished", "command", program + " " + (args.length > 0 ? args[0] : ""),
                    "exit", process.exitValue());
            return process.exitValue() == 0 ? new Succeeded(output) : new Failed(label + " failed: " + output.strip());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new Failed(label + " failed: interrupted");
        } catch (IOException e) {
            kill(process);
            return new Failed(label + " failed: " + e.getMessage());
        }
    }

    /** Removes secrets and repository overrides from a child environment and disables credential prompts. */
    static void scrub(Map<String, String> env) {
        env.keySet().removeIf(name -> isSecretName(name) || DROPPED.contains(name.toUpperCase(Locale.ROOT)));
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GH_PROMPT_DISABLED", "1");
    }

    static boolean isSecretName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return !KEPT.contains(upper) && SECRET_NAME_PARTS.stream().anyMatch(upper::contains);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Drains the process's output so it never blocks on a full pipe, keeping the first MAX_OUTPUT_BYTES. */
    private static final class OutputReader implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean truncated;

        OutputReader(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        int room = MAX_OUTPUT_BYTES - kept.size();
                        kept.write(buffer, 0, Math.max(0, Math.min(n, room)));
                        truncated |= n > room;
                    }
                }
            } catch (IOException e) {
                // the stream closes under us when the process is killed; what was read so far is the output
            }
        }

        String text() {
            synchronized (kept) {
                String text = kept.toString(StandardCharsets.UTF_8);
                return truncated ? text + "\n... (output truncated)" : text;
            }
        }
    }
}
