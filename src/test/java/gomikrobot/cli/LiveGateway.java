package gomikrobot.cli;

import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.config.GatewayConfig;
import gomikrobot.gateway.Gateway;
import gomikrobot.observe.Log;
import gomikrobot.provider.OpenAiCompatibleProvider;
import gomikrobot.testing.FakeOpenAiServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole gateway in-process, as {@code gomikrobot gateway} wires it, for end-to-end tests: a temp home, a
 * fake LLM, a work repo with a bare {@code origin} (so pull and push succeed), an identity repo, a media file,
 * and a secret file beside the repos that no route may reveal. The servers bind port 0 and the system picks
 * free ports; extra environment (an auth token, CORS origins) is passed through the real {@link ConfigLoader}.
 */
final class LiveGateway implements AutoCloseable {
    static final String SECRET = "top-secret-outside-the-repo";

    final FakeOpenAiServer llm;
    final Gateway runtime;
    final Path dir;
    final Path workRepo;
    final Path identityRepo;
    final Path workspace;
    final Path home;
    final Path secretFile;
    private final ByteArrayOutputStream logged;

    private LiveGateway(FakeOpenAiServer llm, Gateway runtime, Path dir, Path workRepo, Path identityRepo,
                        Path workspace, Path home, Path secretFile, ByteArrayOutputStream logged) {
        this.llm = llm;
        this.runtime = runtime;
        this.dir = dir;
        this.workRepo = workRepo;
        this.identityRepo = identityRepo;
        this.workspace = workspace;
        this.home = home;
        this.secretFile = secretFile;
        this.logged = logged;
    }

    static LiveGateway start(Path dir, Map<String, String> extraEnv) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        Path origin = dir.resolve("origin.git");
        Files.createDirectories(origin);
        git(origin, "init", "--bare", "-b", "main");
        Path work = newRepo(dir.resolve("work-repo"), "README.md", "# Work repo\n");
        Files.createDirectories(work.resolve("docs"));
        Files.writeString(work.resolve("docs/notes.md"), "notes\n");
        git(work, "add", "-A");
        git(work, "commit", "-q", "-m", "Add notes");
        git(work, "remote", "add", "origin", origin.toString());
        git(work, "push", "-q", "-u", "origin", "main");
        Path identity = newRepo(dir.resolve("identity-repo"), "SOUL.md", "# Soul\n");
        Path workspace = dir.resolve("workspace");
        Files.createDirectories(workspace.resolve("media"));
        Files.write(workspace.resolve("media/photo.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2});

        FakeOpenAiServer llm = FakeOpenAiServer.start();
        Path home = dir.resolve("home");
        Map<String, String> env = new HashMap<>();
        env.put("GOMIKROBOT_HOME", home.toString());
        env.put("MIKROBOT_OPENAI_API_BASE", llm.baseUrl());
        env.put("MIKROBOT_OPENAI_API_KEY", "sk-test-live-gateway-0001");
        env.put("MIKROBOT_PATHS_WORKSPACE", workspace.toString());
        env.put("MIKROBOT_PATHS_WORK_REPO_PATH", work.toString());
        env.put("MIKROBOT_PATHS_SYSTEM_REPO_PATH", identity.toString());
        env.putAll(extraEnv);
        Config config = anyFreePorts(new ConfigLoader(env, dir).load());
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Log log = new Log(Log.Level.WARN, false, new PrintStream(logged, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), Set.of());
        try {
            Gateway runtime = Gateway.start(config, "test", OpenAiCompatibleProvider.create(
                    config.providers().active(), log), dir, Optional.empty(), Clock.systemUTC(), log);
            return new LiveGateway(llm, runtime, dir, work, identity, workspace, home, secret, logged);
        } catch (Exception | Error e) {
            llm.close();
            throw e;
        }
    }

    int apiPort() {
        return runtime.apiPort();
    }

    int dashboardPort() {
        return runtime.dashboardPort();
    }

    String dashboard() {
        return "http://127.0.0.1:" + dashboardPort();
    }

    String api() {
        return "http://127.0.0.1:" + apiPort();
    }

    /** What the gateway logged at WARN and above, for assertion messages. */
    String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            runtime.stop(Duration.ofSeconds(2));
        } finally {
            llm.close();
        }
    }

    /** The configuration with both servers on port 0: the system picks free ports, no probing race. */
    static Config anyFreePorts(Config config) {
        GatewayConfig g = config.gateway();
        return config.withGateway(g.withPorts(0, 0));
    }

    /** A fresh repo on branch main, with a committer configured and one committed file. */
    static Path newRepo(Path repo, String file, String content) throws IOException, InterruptedException {
        Files.createDirectories(repo);
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.name", "Gateway Test");
        git(repo, "config", "user.email", "gateway-test@example.invalid");
        Files.writeString(repo.resolve(file), content);
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "First commit");
        return repo;
    }

    static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + output);
        }
    }
}
