package gomikrobot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.ExecToolConfig;
import gomikrobot.config.PolicyConfig;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import gomikrobot.policy.Decision;
import gomikrobot.policy.OwnerAnswer;
import gomikrobot.policy.OwnerQuestion;
import gomikrobot.policy.PolicyEngine;
import gomikrobot.policy.PolicyRequest;
import gomikrobot.policy.ToolTiers;
import gomikrobot.process.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolRegistryTest {
    @TempDir
    Path tmp;
    private Path workspace;
    private final List<ToolCallRecord> calls = new ArrayList<>();
    private final List<String> decisions = new ArrayList<>();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final Log log = new Log(Log.Level.INFO, false, new PrintStream(logged, true, StandardCharsets.UTF_8),
            Clock.systemUTC(), Set.of());

    @BeforeEach
    void setUp() throws IOException {
        workspace = Files.createDirectories(tmp.resolve("workspace"));
    }

    private ToolRegistry registry(Tool... tools) {
        PolicyEngine policy = new PolicyEngine(new PolicyConfig(2, 0, List.of(), List.of()),
                (PolicyRequest req, Decision d) -> decisions.add(req.tool() + ":" + d.reason()), log);
        return new ToolRegistry(List.of(tools), policy, calls::add, new SteppingClock(), log);
    }

    private ToolRegistry standardTools() {
        Path home = tmp.resolve("home");
        return registry(new WriteFileTool(home), new ReadFileTool(home), new ExecTool(
                new ExecToolConfig(null, true, List.of()), new Sandbox.Unconfined("not under test"), home),
                new ListDirTool(home), new EditFileTool(home));
    }

    @Test
    void listsDefinitionsSortedByNameInOpenAiShape() {
        ToolRegistry registry = standardTools();
        List<String> names = registry.definitions().stream()
                .map(d -> (String) ((Map<?, ?>) d.get("function")).get("name")).toList();
        assertEquals(List.of("edit_file", "exec", "list_dir", "read_file", "write_file"), names);
        Map<String, Object> first = registry.definitions().getFirst();
        assertEquals("function", first.get("type"));
        Map<?, ?> function = (Map<?, ?>) first.get("function");
        assertEquals(Set.of("name", "description", "parameters"), function.keySet());
        assertEquals("object", ((Map<?, ?>) function.get("parameters")).get("type"));
    }

    @Test
    void knowsTiersAndNames() {
        ToolRegistry registry = standardTools();
        assertEquals(0, registry.tierOf("read_file"));
        assertEquals(1, registry.tierOf("edit_file"));
        assertEquals(2, registry.tierOf("exec"));
        assertEquals(Set.of("edit_file", "exec", "list_dir", "read_file", "write_file"), registry.names());
        assertThrows(IllegalArgumentException.class, () -> registry.tierOf("nope"));
    }

    @Test
    void unknownToolFailsWithoutAskingPolicy() throws InterruptedException {
        ToolResult r = standardTools().execute("delete_everything", "{}", "call-1", Contexts.owner(workspace, null));
        assertTrue(r.forModel().startsWith("Error: unknown tool: delete_everything"), r.forModel());
        assertEquals(List.of(), decisions);
        assertEquals(1, calls.size());
    }

    @Test
    void malformedArgumentsFail() throws InterruptedException {
        ToolResult r = standardTools().execute("read_file", "{\"path\": ", "call-1", Contexts.owner(workspace, null));
        assertTrue(r.forModel().startsWith("Error: arguments for read_file are not valid JSON"), r.forModel());
    }

    @Test
    void nonObjectArgumentsFail() throws InterruptedException {
        ToolResult r = standardTools().execute("read_file", "[\"a.txt\"]", "call-1", Contexts.owner(workspace, null));
        assertEquals(new ToolResult.Failed("arguments for read_file must be a JSON object"), r);
    }

    @Test
    void missingRequiredArgumentIsNamed() throws InterruptedException {
        ToolResult r = standardTools().execute("write_file", "{\"path\":\"a.txt\"}", "c", Contexts.owner(workspace, null));
        assertEquals(new ToolResult.Failed("missing required argument 'content'"), r);
    }

    @Test
    void wrongArgumentTypeIsNamed() throws InterruptedException {
        ToolResult r = standardTools().execute("read_file", "{\"path\":42}", "c", Contexts.owner(workspace, null));
        assertEquals(new ToolResult.Failed("argument 'path' must be a string"), r);
    }

    @Test
    void toolsTiersSetTheTierACallIsJudgedAtAndTheOwnerSeesTheCommand() throws InterruptedException {
        List<OwnerQuestion> asked = new ArrayList<>();
        PolicyEngine policy = new PolicyEngine(new PolicyConfig(2, 0, List.of(), List.of()),
                new ToolTiers(Map.of("read_file", 2, "exec", 1)), (req, d) -> decisions.add(req.tier() + ":" + d.reason()),
                question -> {
                    asked.add(question);
                    return new OwnerAnswer.Denied("dashboard");
                }, log);
        Path home = tmp.resolve("home");
        ToolRegistry registry = new ToolRegistry(List.of(new ReadFileTool(home), new ExecTool(
                new ExecToolConfig(null, true, List.of()), new Sandbox.Unconfined("not under test"), home)),
                policy, calls::add, new SteppingClock(), log);
        assertEquals(List.of(2, 1), List.of(registry.tierOf("read_file"), registry.tierOf("exec")));

        ToolResult r = registry.execute("exec", "{\"command\":\"git pull\",\"working_dir\":\"repo\"}", "c",
                Contexts.external(workspace));
        assertEquals("git pull (in repo)", asked.getFirst().summary());
        assertEquals(1, asked.getFirst().call().tier());
        assertTrue(r.forModel().startsWith("Error: denied by policy: denied_by_owner: the owner declined"), r.forModel());
        assertEquals(List.of("1:denied_by_owner"), decisions);
    }

    @Test
    void externalSenderIsDeniedWriteAndTheModelSeesWhy() throws InterruptedException {
        ToolResult r = standardTools().execute("write_file", "{\"path\":\"a.txt\",\"content\":\"x\"}", "c",
                Contexts.external(workspace));
        assertEquals(new ToolResult.Denied("tier_1_denied_for_external_message"), r);
        assertEquals("Error: denied by policy: tier_1_denied_for_external_message", r.forModel());
        assertTrue(Files.notExists(workspace.resolve("a.txt")));
        assertEquals(List.of("write_file:tier_1_denied_for_external_message"), decisions);
    }

    @Test
    void ownerMayRunExecButRmRfRootIsDeniedVisibly() throws InterruptedException {
        ToolResult r = standardTools().execute("exec", "{\"command\":\"rm -rf /\"}", "c", Contexts.owner(workspace, null));
        assertEquals("Error: denied by policy: blocked_command: rm_recursive_force", r.forModel());
        assertEquals(List.of("exec:blocked_command: rm_recursive_force"), decisions); // one audited denial
    }

    @Test
    void pathEscapeBecomesAFailureForTheModel() throws InterruptedException {
        ToolResult r = standardTools().execute("read_file", "{\"path\":\"../../etc/passwd\"}", "c",
                Contexts.owner(workspace, null));
        assertEquals(new ToolResult.Failed("path outside allowed roots: ../../etc/passwd"), r);
    }

    @Test
    void throwingToolBecomesFailedWithItsMessage() throws InterruptedException {
        ToolResult r = registry(new ThrowingTool()).execute("explode", "", "c", Contexts.owner(workspace, null));
        assertEquals(new ToolResult.Failed("disk on fire"), r);
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("disk on fire"));
    }

    @Test
    void everyCallIsRecordedWithItsDuration() throws IOException, InterruptedException {
        Files.writeString(workspace.resolve("a.txt"), "hello");
        ToolContext ctx = Contexts.owner(workspace, null);
        standardTools().execute("read_file", "{\"path\":\"a.txt\"}", "call-7", ctx);
        assertEquals(List.of(new ToolCallRecord(ctx, "call-7", "read_file", "{\"path\":\"a.txt\"}",
                new ToolResult.Ok("hello"), SteppingClock.STEP_MS)), calls);
    }

    @Test
    void failingRecorderDoesNotLoseTheResult() throws IOException, InterruptedException {
        Files.writeString(workspace.resolve("a.txt"), "hello");
        PolicyEngine policy = new PolicyEngine(new PolicyConfig(2, 0, List.of(), List.of()), (req, d) -> { }, log);
        ToolRegistry registry = new ToolRegistry(List.of(new ReadFileTool(tmp)), policy,
                call -> { throw new IllegalStateException("timeline closed"); }, Clock.systemUTC(), log);
        ToolResult r = registry.execute("read_file", "{\"path\":\"a.txt\"}", "c", Contexts.owner(workspace, null));
        assertEquals(new ToolResult.Ok("hello"), r);
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("timeline closed"));
    }

    @Test
    void rejectsDuplicateAndBadlyNamedTools() {
        assertThrows(IllegalArgumentException.class, () -> registry(new ThrowingTool(), new ThrowingTool()));
        assertThrows(IllegalArgumentException.class, () -> registry(new ThrowingTool() {
            @Override
            public String name() {
                return "bad name";
            }
        }));
    }

    /** A tool whose code has a bug. */
    private static class ThrowingTool implements Tool {
        @Override
        public String name() {
            return "explode";
        }

        @Override
        public String description() {
            return "always throws";
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of("type", "object", "properties", Map.of());
        }

        @Override
        public int tier() {
            return 0;
        }

        @Override
        public ToolResult execute(JsonObject args, ToolContext ctx) {
            throw new IllegalStateException("disk on fire");
        }
    }

    /** Advances by a fixed step on every reading, so a call's measured duration is exactly one step. */
    private static final class SteppingClock extends Clock {
        static final long STEP_MS = 7;
        private long now = 1_000_000;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            now += STEP_MS;
            return Instant.ofEpochMilli(now);
        }
    }
}
