package gomikrobot.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.testing.TestPipeline;
import gomikrobot.tools.Tool;
import gomikrobot.tools.ToolContext;
import gomikrobot.tools.ToolResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory wired into the real agent pipeline as the lead will: what reaches the LLM, and the two tools. */
class RagPipelineTest {
    @TempDir
    Path dir;
    TestPipeline fx;
    Memory memory;

    @BeforeEach
    void start() throws Exception {
        fx = TestPipeline.start(dir, Map.of(), false, TestPipeline.quietLog());
        fx.llm.setEmbeddingDimension(256);
        memory = fx.memory;
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void relevantMemoryBlockReachesTheLlmOnlyWhenSomethingScores() throws Exception {
        memory.remember("Jonas prefers green tea without sugar", "preferences");

        ask("Which tea should I buy for Jonas?");
        String relevant = systemPrompt();
        ask("Schedule the quarterly budget review");
        String unrelated = systemPrompt();

        assertTrue(relevant.contains("## Relevant memory\n- (user, tags: preferences) Jonas prefers green tea without sugar"),
                relevant);
        assertFalse(unrelated.contains("Relevant memory"), unrelated);
    }

    @Test
    void withAnEmptyMemoryEachMessageCostsExactlyOneProviderRequest() throws Exception {
        ask("Good morning");
        ask("What is on today?");
        ask("Thanks");

        assertEquals(List.of("/v1/chat/completions", "/v1/chat/completions", "/v1/chat/completions"),
                fx.llm.requests().stream().map(r -> r.path()).toList(), "no embeddings call before a chat call");
    }

    @Test
    void rememberToolCalledByTheModelStoresTheFact() throws Exception {
        fx.llm.enqueueToolCall("remember", "{\"content\":\"Car is parked on level 3, spot B17\",\"tags\":\"car\"}");
        fx.llm.enqueueText("Noted.");

        ask("Remember where I parked: level 3, spot B17");

        assertEquals("Car is parked on level 3, spot B17", memory.recall("where is the car parked", 1).getFirst().chunk().content());
    }

    @Test
    void recallToolListsMatchesWithScoresAndValidatesItsArguments() {
        memory.remember("The boiler service is due in October", "house");
        Tool recall = tool("recall");
        ToolContext ctx = new ToolContext("t", "task", "cli", "chat", "owner", true, dir, null, null);

        ToolResult found = recall.execute(JsonObject.of(Map.of("query", "boiler service")), ctx);
        ToolResult none = recall.execute(JsonObject.of(Map.of("query", "zebra")), ctx);
        ToolResult badLimit = recall.execute(JsonObject.of(Map.of("query", "boiler", "limit", 500L)), ctx);

        assertTrue(found.forModel().startsWith("1. [score "), found.forModel());
        assertTrue(found.forModel().endsWith("user, tags: house] The boiler service is due in October"), found.forModel());
        assertEquals("No memories match: zebra", none.forModel());
        assertInstanceOf(ToolResult.Failed.class, badLimit);
        assertEquals(0, recall.tier());
        assertEquals(1, tool("remember").tier());
    }

    @Test
    void rememberToolRefusesEmptyAndOversizedText() {
        Tool remember = tool("remember");
        ToolContext ctx = new ToolContext("t", "task", "cli", "chat", "owner", true, dir, null, null);

        ToolResult empty = remember.execute(JsonObject.of(Map.of("content", "  ")), ctx);
        ToolResult huge = remember.execute(JsonObject.of(Map.of("content", "x".repeat(Memory.MAX_CONTENT_CHARS + 1))), ctx);

        assertEquals("Error: content is empty", empty.forModel());
        assertInstanceOf(ToolResult.Failed.class, huge);
        assertEquals(0, memory.chunkCount());
        assertEquals(List.of("content"), Json.parseObject(Json.write(remember.parameters())).strings("required"));
    }

    private Tool tool(String name) {
        return memory.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private void ask(String text) throws Exception {
        fx.answer(fx.owner(text));
    }

    private String systemPrompt() {
        JsonObject request = fx.llm.last("/chat/completions").json();
        return JsonObject.of((Map<?, ?>) request.array("messages").getFirst()).string("content", "");
    }
}
