package gomikrobot.tools.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.InboundMessage;
import gomikrobot.config.McpServerConfig;
import gomikrobot.json.JsonObject;
import gomikrobot.timeline.PolicyDecision;
import gomikrobot.tools.ToolContext;
import gomikrobot.tools.ToolResult;
import gomikrobot.testing.Eventually;
import gomikrobot.testing.TestPipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the MCP client must do with a real server, whatever the transport: list its tools under our names with
 * their schemas, let the agent call them through the policy engine with the fake LLM, describe what is not text,
 * and come back after the server crashed. One server per test class; each transport's class says how to
 * configure, crash and bring back its server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class McpServerContract {
    static final String ECHO = "mcp_everything_echo";

    @TempDir
    static Path tmp;
    TestPipeline pipeline;
    McpHub hub;

    /** The server's entry in tools.mcpServers. */
    abstract McpServerConfig serverConfig() throws Exception;

    /** Makes the running server die as a crash would. */
    abstract void crash() throws Exception;

    /** Whatever must happen after a crash for the server to be reachable again (nothing for a child we start). */
    abstract void recover() throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        pipeline = TestPipeline.start(tmp);
        hub = new McpHub(pipeline.agent.tools(), pipeline.workspace,
                Map.of("PATH", System.getenv("PATH"), "HOME", System.getProperty("user.home"),
                        "OPENAI_API_KEY", "sk-gateway-key-never-in-children"),
                "test", Duration.ofMillis(100), pipeline.clock, TestPipeline.quietLog());
        hub.apply(Map.of("everything", serverConfig()));
    }

    @AfterAll
    void stopServer() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @BeforeEach
    void awaitReady() throws InterruptedException {
        Eventually.await(() -> state() == McpServerStatus.State.READY && pipeline.agent.tools().names().contains(ECHO),
                "ready MCP server with its tools (" + hub.statuses() + ")");
    }

    @Test
    void listsTheServersToolsUnderPrefixedNamesWithTheirSchemas() {
        assertTrue(pipeline.agent.tools().names().containsAll(List.of(ECHO, "mcp_everything_get-sum",
                "mcp_everything_get-env", "mcp_everything_get-tiny-image")), pipeline.agent.tools().names().toString());
        Map<?, ?> echo = pipeline.agent.tools().definitions().stream()
                .map(d -> (Map<?, ?>) d.get("function")).filter(f -> ECHO.equals(f.get("name"))).findFirst().orElseThrow();
        assertTrue(String.valueOf(echo.get("description")).startsWith("(from MCP server everything) "));
        JsonObject schema = JsonObject.of((Map<?, ?>) echo.get("parameters"));
        assertEquals("object", schema.string("type", ""));
        assertEquals("string", schema.object("properties").object("message").string("type", ""));
        assertEquals(List.of("message"), schema.strings("required"));
        assertEquals(1, pipeline.agent.tools().tierOf(ECHO));
    }

    @Test
    void theAgentCallsAToolThroughThePolicyEngineAndReadsItsResult() throws Exception {
        pipeline.llm.enqueueToolCall(ECHO, "{\"message\":\"hello over MCP\"}");
        pipeline.llm.enqueueText("The server echoed it.");
        InboundMessage message = pipeline.owner("echo something");
        assertEquals("The server echoed it.", pipeline.answer(message));
        assertTrue(pipeline.llm.last("/chat/completions").body().contains("Echo: hello over MCP"),
                pipeline.llm.last("/chat/completions").body());
        List<PolicyDecision> decisions = pipeline.timeline.policy().byTrace(message.traceId());
        assertEquals(1, decisions.size());
        assertEquals(ECHO, decisions.getFirst().tool());
        assertTrue(decisions.getFirst().allowed());
    }

    @Test
    void someoneElsesMessageCannotUseTheServersTierOneTools() throws Exception {
        pipeline.llm.enqueueToolCall(ECHO, "{\"message\":\"not for strangers\"}");
        pipeline.llm.enqueueText("Not allowed.");
        pipeline.answer(pipeline.stranger("echo this"));
        String sent = pipeline.llm.last("/chat/completions").body();
        assertTrue(sent.contains("denied by policy: tier_1_denied_for_external_message"), sent);
        assertFalse(sent.contains("Echo: not for strangers"), sent);
    }

    @Test
    void nonTextContentIsDescribedAndArgumentErrorsComeBackAsFailures() throws InterruptedException {
        String image = ok(call("mcp_everything_get-tiny-image", "{}"));
        assertTrue(image.contains("[image: image/png, "), image);
        assertTrue(image.contains("not shown]"), image);
        assertEquals("The sum of 2 and 3 is 5.", ok(call("mcp_everything_get-sum", "{\"a\":2,\"b\":3}")));
        ToolResult wrong = call("mcp_everything_get-sum", "{\"a\":\"two\",\"b\":3}");
        assertInstanceOf(ToolResult.Failed.class, wrong, wrong.forModel());
    }

    @Test
    void aCrashedServerIsBroughtBackAndServesAgain() throws Exception {
        long before = hub.statuses().getFirst().pid();
        crash();
        ToolResult during = call(ECHO, "{\"message\":\"while down\"}");
        String reason = assertInstanceOf(ToolResult.Failed.class, during, during.forModel()).reason();
        assertTrue(reason.startsWith("MCP server everything: "), reason);
        Eventually.await(() -> state() != McpServerStatus.State.READY, "the crash noticed");
        recover();
        awaitReady();
        assertEquals("Echo: back again", ok(call(ECHO, "{\"message\":\"back again\"}")));
        if (before > 0) {
            assertNotEquals(before, hub.statuses().getFirst().pid(), "a new child");
        }
    }

    McpServerStatus.State state() {
        return hub.statuses().getFirst().state();
    }

    ToolResult call(String tool, String arguments) throws InterruptedException {
        return pipeline.agent.tools().execute(tool, arguments, "call-test", new ToolContext("trace-test", "task-test",
                "cli", "cli:default", "default", true, pipeline.workspace, null, null));
    }

    static String ok(ToolResult result) {
        return assertInstanceOf(ToolResult.Ok.class, result, result.forModel()).forModel();
    }
}
