package gomikrobot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gomikrobot.config.ExecToolConfig;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.process.Sandbox;
import gomikrobot.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exec} in the real bubblewrap sandbox, tried as a hostile model would. The layout puts every secret
 * where it would be tempting: the GoMikroBot home (with {@code config.json}) inside the workspace, so inside a
 * visible folder; the work repo inside the user's home, next to {@code .ssh}; a file outside everything.
 * {@code restrictToWorkspace} is off, so what holds is the sandbox and not the command guard.
 */
class ExecSandboxTest {
    private static final String KEY = "sk-gateway-key-never-in-a-child";

    @TempDir
    Path tmp;
    private Path workspace;
    private Path gomikrobotHome;
    private Path home;
    private Path repo;
    private Path outside;
    private ExecTool exec;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")) || Files.isExecutable(Path.of("/bin/bwrap")),
                "bwrap is not installed (Debian package bubblewrap; .ci/run installs it)");
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        gomikrobotHome = Files.createDirectories(workspace.resolve(".gomikrobot"));
        Files.writeString(gomikrobotHome.resolve("config.json"), "{\"apiKey\":\"" + KEY + "\"}");
        home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(Files.createDirectories(home.resolve(".ssh")).resolve("id_ed25519"), "PRIVATE KEY MATERIAL");
        repo = GitFixture.init(Files.createDirectories(home.resolve("GoMikroBot-Workspace")));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "OUTSIDE SECRET");
        Files.createSymbolicLink(workspace.resolve("planted-link"), outside.resolve("secret.txt"));
        Map<String, String> gateway = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", home.toString(), "LANG", "C.UTF-8", "OPENAI_API_KEY", KEY);
        ExecToolConfig config = new ExecToolConfig(Duration.ofSeconds(20), false, List.of(),
                ExecToolConfig.SandboxMode.BUBBLEWRAP, true);
        Sandbox sandbox = Sandbox.choose(config, gateway, new gomikrobot.process.ProcessRunner(),
                gomikrobotHome.resolve("cache"));
        assertInstanceOf(Sandbox.Bubblewrap.class, sandbox, sandbox.summary());
        exec = new ExecTool(config, sandbox, gomikrobotHome, gateway, Clock.systemUTC());
    }

    private String run(String command) {
        return run(command, "");
    }

    private String run(String command, String workingDir) {
        ToolResult result = exec.execute(JsonObject.of(Json.object("command", command, "working_dir", workingDir)),
                Contexts.owner(workspace, repo));
        return assertInstanceOf(ToolResult.Ok.class, result, result.forModel()).forModel();
    }

    @Test
    void cannotReadTheEnvironmentOfAnyProcessOutside() {
        String out = run("tr '\\0' '\\n' < /proc/1/environ; tr '\\0' '\\n' < /proc/$PPID/environ; env");
        assertFalse(out.contains(KEY), out);
        for (String line : out.lines().filter(l -> l.contains("=")).toList()) {
            assertTrue(line.matches("(HOME|LANG|PATH|PWD|SHLVL|OLDPWD|_)=.*"), "unexpected variable: " + line);
        }
        assertTrue(out.contains("HOME=/tmp"), out);
    }

    @Test
    void cannotReadTheGomikrobotHomeEvenInsideTheWorkspace() {
        String out = run("cat .gomikrobot/config.json; cat " + gomikrobotHome.resolve("config.json")
                + "; ls -a .gomikrobot");
        assertFalse(out.contains(KEY), out);
        assertTrue(out.contains("No such file"), out);
    }

    @Test
    void cannotReadTheUsersHomeOrSystemSecrets() {
        String out = run("cat ~/.ssh/id_ed25519; cat " + home.resolve(".ssh/id_ed25519") + "; cat /etc/shadow");
        assertFalse(out.contains("PRIVATE KEY MATERIAL"), out);
        assertFalse(out.contains("root:"), out);
        assertEquals("GoMikroBot-Workspace\n", run("ls -A " + home), "only the work repo shows of the home");
    }

    @Test
    void cannotReadOutsideThroughDotDotAbsolutePathsOrSymlinks() {
        String out = run("cat ../outside/secret.txt; cat " + outside.resolve("secret.txt") + "; cat planted-link;"
                + " ln -s " + outside.resolve("secret.txt") + " made-link; cat made-link; cd ..; ls");
        assertFalse(out.contains("OUTSIDE SECRET"), out);
    }

    @Test
    void cannotWriteOutsideTheWorkspaceAndTheWorkRepo() {
        String escape = "gmb-escape-" + UUID.randomUUID();
        run("echo x > " + outside.resolve("new.txt") + "; echo x > " + home.resolve("new.txt") + "; touch /etc/"
                + escape + " /usr/" + escape + " /opt/" + escape + "; echo x > /tmp/" + escape
                + "; echo x > ../" + escape);
        assertFalse(Files.exists(outside.resolve("new.txt")));
        assertFalse(Files.exists(home.resolve("new.txt")));
        for (Path leak : List.of(Path.of("/etc", escape), Path.of("/usr", escape), Path.of("/opt", escape),
                Path.of("/tmp", escape), tmp.resolve(escape))) {
            assertFalse(Files.exists(leak), leak + " was written from the sandbox");
        }
    }

    @Test
    void stillWorksInTheWorkspaceAndTheWorkRepo() throws Exception {
        Files.writeString(workspace.resolve("notes.txt"), "hello");
        assertTrue(run("ls").contains("notes.txt"));
        assertEquals("42\n", run("python3 -c 'print(6 * 7)'"));
        assertEquals("made\n", run("echo made > made.txt; cat made.txt"));
        assertEquals("made\n", Files.readString(workspace.resolve("made.txt")));
        String status = run("echo change > change.txt; git status", repo.toString());
        assertTrue(status.contains("change.txt"), status);
        assertTrue(Files.exists(repo.resolve("change.txt")));
    }
}
