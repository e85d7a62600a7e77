package gomikrobot.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real git repository in a temp folder, with its own committer identity so commits work without a global config. */
final class TempGitRepo {
    private final Path dir;

    private TempGitRepo(Path dir) {
        this.dir = dir;
    }

    /** Creates {@code dir}, runs {@code git init} with a local identity and commits a README. */
    static TempGitRepo create(Path dir) {
        TempGitRepo repo = new TempGitRepo(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        repo.git("init", "-q", "-b", "main");
        repo.git("config", "user.name", "Browser Test");
        repo.git("config", "user.email", "browser-test@example.invalid");
        repo.git("config", "commit.gpgsign", "false");
        repo.write("README.md", "# Work repo of the browser tests\n");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "Initial commit");
        return repo;
    }

    Path dir() {
        return dir;
    }

    void write(String relativePath, String text) {
        try {
            Files.writeString(dir.resolve(relativePath), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + relativePath, e);
        }
    }

    /** Subject of the newest commit. */
    String lastSubject() {
        return git("log", "-1", "--format=%s").strip();
    }

    /** Runs git in the repository and returns its output; throws when git fails. */
    String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
    }
}
