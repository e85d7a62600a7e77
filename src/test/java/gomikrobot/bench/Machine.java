package gomikrobot.bench;

import gomikrobot.testing.FakeOpenAiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the process benchmarks share: the program as users start it (plain {@code java -jar}, or the launcher
 * {@code gomikrobot install} writes, installed once per run into {@code target/bench-install} with the AOT cache
 * beside the jar), the environment of a throwaway gateway home, and the machine's load average, printed beside
 * every timing because the machine is shared.
 */
final class Machine {
    static final Path JAR = Path.of("target/gomikrobot.jar");
    /** The one option everything needs: sqlite-jdbc loads its native library. */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    private static final Path PREFIX = Path.of("target", "bench-install").toAbsolutePath();

    private Machine() {
    }

    /** {@code java <options> -jar target/gomikrobot.jar}: the program as {@code java -jar} starts it. */
    static List<String> javaJar(List<String> options) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(options);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        return command;
    }

    /**
     * The installed launcher (its JVM defaults, the AOT cache when {@code make aot} made one), installed from
     * {@code target/} on first use in this run.
     */
    static synchronized List<String> launcher() throws IOException, InterruptedException {
        Path launcher = PREFIX.resolve("bin/gomikrobot");
        if (!Files.isExecutable(launcher) || Files.getLastModifiedTime(launcher).compareTo(
                Files.getLastModifiedTime(JAR)) < 0) {
            Process install = new ProcessBuilder(withArgs(javaJar(List.of(NATIVE_ACCESS)), "install", "--prefix",
                    PREFIX.toString())).redirectErrorStream(true).start();
            String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (install.waitFor() != 0) {
                throw new IllegalStateException("gomikrobot install failed: " + output);
            }
        }
        return List.of(launcher.toString());
    }

    /**
     * The launcher's name in a figure, saying whether it ran with the AOT cache (a stale or missing one is not
     * installed). Only {@link #launcher} installs, so this is asked after it.
     */
    static String launcherName() {
        boolean cached = Files.isRegularFile(PREFIX.resolve("lib/gomikrobot/gomikrobot.aot"));
        return cached ? "installed launcher with AOT cache" : "installed launcher (no AOT cache: run make aot)";
    }

    static List<String> withArgs(List<String> command, String... args) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(args));
        return all;
    }

    /**
     * A throwaway home's environment: the fake LLM as the provider, a git work repo under {@code root}, and
     * {@code HOME} inside {@code root}, so nothing touches the real user's files.
     */
    static Map<String, String> gatewayEnv(Path root, FakeOpenAiServer llm) throws IOException, InterruptedException {
        Path repo = Files.createDirectories(root.resolve("work-repo"));
        Process init = new ProcessBuilder("git", "init", "-q").directory(repo.toFile()).inheritIO().start();
        if (init.waitFor() != 0) {
            throw new IllegalStateException("git init failed in " + repo);
        }
        Map<String, String> env = new HashMap<>();
        env.put("HOME", root.toString());
        env.put("MIKROBOT_OPENAI_API_BASE", llm.baseUrl());
        env.put("MIKROBOT_OPENAI_API_KEY", "sk-bench");
        env.put("MIKROBOT_PATHS_WORK_REPO_PATH", repo.toString());
        return env;
    }

    /** Milliseconds from the process's start to its exit; a failure throws with what the process printed. */
    static double timed(ProcessBuilder pb) throws IOException, InterruptedException {
        pb.redirectErrorStream(true);
        long start = System.nanoTime();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", pb.command()) + " exited " + p.exitValue() + ": "
                    + output);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** The 1-minute load average (2 cores here: above 2 means others' work competes with ours). */
    static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    /** This JVM's {@code java}: the one every benchmarked process runs on. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
