package gomikrobot.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real git repositories for tests: init with a local identity, commit, read back. */
public final class GitFixture {
    private GitFixture() {
    }

    public static Path init(Path dir) throws Exception {
        git(dir, "init", "-q");
        git(dir, "config", "user.name", "Test Bot");
        git(dir, "config", "user.email", "bot@example.invalid");
        git(dir, "config", "commit.gpgsign", "false");
        return dir;
    }

    public static void commitAll(Path dir, String message) throws Exception {
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", message);
    }

    /** Runs git and returns its output; fails the test when git fails. */
    public static String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }
}
