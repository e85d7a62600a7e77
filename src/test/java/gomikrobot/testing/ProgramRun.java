package gomikrobot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of the program in a process of its own, from the test class path:
 * {@code java [jvmOptions] gomikrobot.cli.Main args}, with the inherited environment minus every
 * {@code MIKROBOT_*} setting and API key, plus {@code env}. Waits at most a minute; stdout and stderr are kept.
 */
public record ProgramRun(int exit, String out, String err) {
    private static final long TIMEOUT_SECONDS = 60;

    public static ProgramRun run(Path dir, List<String> jvmOptions, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "run", ".out");
        Path err = Files.createTempFile(dir, "run", ".err");
        Process p = processBuilder(jvmOptions, env, args).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        p.getOutputStream().close();
        boolean exited = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        p.destroyForcibly();
        if (!exited) {
            throw new AssertionError("gomikrobot " + String.join(" ", args) + " did not finish within "
                    + TIMEOUT_SECONDS + " s: " + Files.readString(err));
        }
        return new ProgramRun(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The process {@link #run} starts, not started yet: for a test that keeps the program running (a gateway). */
    public static ProcessBuilder processBuilder(List<String> jvmOptions, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "gomikrobot.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("MIKROBOT_") || k.endsWith("_API_KEY"));
        pb.environment().putAll(env);
        return pb;
    }
}
