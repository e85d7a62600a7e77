package gomikrobot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.ExecToolConfig;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.process.Sandbox;
import gomikrobot.testing.ProcessChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What exec does whatever confines it, run unsandboxed; {@link ExecSandboxTest} covers the sandbox itself. */
class ExecToolTest {
    private static final Sandbox UNSANDBOXED = new Sandbox.Unconfined("the behaviour under test needs no sandbox");

    @TempDir
    Path tmp;
    private Path workspace;
    private ToolContext ctx;
    private Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        ctx = Contexts.owner(workspace, null);
        env = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "HOME", tmp.resolve("home").toString());
    }

    private ExecTool tool(Duration timeout, boolean restrict, List<String> allow) {
        return new ExecTool(new ExecToolConfig(timeout, restrict, allow), UNSANDBOXED, tmp.resolve("gmhome"), env,
                Clock.systemUTC());
    }

    private ToolResult run(ExecTool tool, String command) {
        return tool.execute(JsonObject.of(Json.object("command", command)), ctx);
    }

    private ToolResult run(String command) {
        return run(tool(Duration.ofSeconds(10), true, List.of()), command);
    }

    @Test
    void runsInTheWorkspaceAndReturnsStdout() throws IOException {
        Files.writeString(workspace.resolve("marker.txt"), "");
        assertEquals(new ToolResult.Ok("marker.txt\n"), run("ls"));
    }

    @Test
    void reportsStdoutThenStderrThenExitCode() {
        assertEquals(new ToolResult.Ok("out\nSTDERR:\nerr\nExit code: 3"), run("echo out; echo err >&2; exit 3"));
    }

    @Test
    void saysSoWhenThereIsNoOutput() {
        assertEquals(new ToolResult.Ok("(no output)"), run("true"));
    }

    @Test
    void givesTheCommandNoStdin() {
        assertEquals(new ToolResult.Ok("(no output)"), run("cat"));
    }

    @Test
    void refusesRmRfRootBeforeRunningAnything() {
        ToolResult r = run("rm -rf /");
        assertEquals(new ToolResult.Denied("blocked_command: rm_recursive_force"), r);
        assertEquals("Error: denied by policy: blocked_command: rm_recursive_force", r.forModel());
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        ExecTool tool = tool(Duration.ofSeconds(1), true, List.of());
        ToolResult r = run(tool, "sleep 37 & echo $! > pids; sleep 38 & echo $! >> pids; echo started; wait");
        assertEquals(new ToolResult.Failed("command timed out after 1s\nstarted\n"), r);
        List<Long> pids = Files.readAllLines(workspace.resolve("pids")).stream().map(Long::parseLong).toList();
        assertEquals(2, pids.size());
        for (long pid : pids) {
            assertFalse(ProcessChecks.stillRunning(pid), "child process " + pid + " survived the timeout");
        }
    }

    @Test
    void neverRunsPastTheTasksDeadline() {
        ToolContext late = new ToolContext("t", "k", "cli", "c", "owner", true, workspace, null,
                Instant.now().minusSeconds(1));
        ToolResult r = tool(Duration.ofSeconds(10), true, List.of())
                .execute(JsonObject.of(Json.object("command", "echo hi")), late);
        assertEquals(new ToolResult.Failed("the task's deadline has passed; command not started"), r);
    }

    @Test
    void environmentIsTheAllowlistWithNoKeysOrTokens() {
        env = Map.ofEntries(Map.entry("PATH", env.get("PATH")), Map.entry("HOME", env.get("HOME")),
                Map.entry("SAFE_SETTING", "visible"), Map.entry("OPENAI_API_KEY", "sk-openai-value"),
                Map.entry("OPENROUTER_API_KEY", "sk-or-value"), Map.entry("MIKROBOT_OPENAI_API_KEY", "sk-mikro-value"),
                Map.entry("MIKROBOT_GATEWAY_AUTH_TOKEN", "gw-token-value"), Map.entry("GITHUB_TOKEN", "ghp-value"),
                Map.entry("aws_secret_access_key", "aws-value"), Map.entry("PGPASSWORD", "pg-value"),
                Map.entry("GOOGLE_APPLICATION_CREDENTIALS", "creds-value"), Map.entry("SSH_PRIVATE_PATH", "id-value"));
        String out = run("env").forModel();
        assertTrue(out.contains("HOME=" + env.get("HOME")), out);
        assertFalse(out.contains("SAFE_SETTING"), "only allowlisted variables are inherited: " + out);
        assertFalse(out.contains("-value"), out);
    }

    @Test
    void capsOutputAndKeepsTheExitCode() {
        String out = run("head -c 200000 /dev/zero | tr '\\0' a; exit 1").forModel();
        assertTrue(out.startsWith("a".repeat(ExecTool.OUTPUT_CAP) + "\n... (output truncated at 64 KiB)"));
        assertTrue(out.endsWith("\nExit code: 1"));
        assertTrue(out.length() < ExecTool.OUTPUT_CAP + 100);
    }

    @Test
    void stderrIsCutWhenStdoutFillsTheCap() {
        String out = run("head -c 70000 /dev/zero | tr '\\0' a; echo oops >&2").forModel();
        assertFalse(out.contains("oops"));
        assertTrue(out.contains("truncated"));
    }

    @Test
    void refusesWorkingDirOutsideTheWorkspaceWhenRestricted() {
        JsonObject args = JsonObject.of(Json.object("command", "ls", "working_dir", "/etc"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tool(Duration.ofSeconds(5), true, List.of()).execute(args, ctx));
        assertEquals("path outside allowed roots: /etc", e.getMessage());
    }

    @Test
    void runsInARequestedWorkingDirInsideTheWorkspace() throws IOException {
        Files.createDirectories(workspace.resolve("sub"));
        JsonObject args = JsonObject.of(Json.object("command", "pwd", "working_dir", "sub"));
        ToolResult r = tool(Duration.ofSeconds(5), true, List.of()).execute(args, ctx);
        assertEquals(new ToolResult.Ok(workspace.resolve("sub").toRealPath() + "\n"), r);
    }

    @Test
    void strictAllowlistRefusesUnlistedCommands() {
        ExecTool strict = tool(Duration.ofSeconds(5), true, List.of("echo"));
        assertEquals(new ToolResult.Ok("hi\n"), run(strict, "echo hi"));
        assertEquals(new ToolResult.Denied("command_not_allowed: ls"), run(strict, "echo hi; ls"));
    }

    @Test
    void emptyCommandFails() {
        assertInstanceOf(ToolResult.Failed.class, run("  "));
    }

    @Test
    void aRequiredSandboxThatDoesNotWorkRefusesEveryCommand() {
        ExecTool tool = new ExecTool(new ExecToolConfig(null, true, List.of()),
                new Sandbox.Unavailable("bwrap is not installed"), tmp.resolve("gmhome"), env, Clock.systemUTC());
        String reason = "exec_sandbox_unavailable: tools.exec.sandbox is bubblewrap, but bwrap is not installed;"
                + " install bubblewrap or set tools.exec.sandbox to auto or off";
        assertEquals(Optional.of(reason), tool.refusal(JsonObject.of(Json.object("command", "ls"))));
        assertEquals(new ToolResult.Denied(reason), run(tool, "ls"));
    }

    @Test
    void defaultTimeoutIsSixtySeconds() {
        assertTrue(tool(null, true, List.of()).description().contains("60s"));
    }
}
