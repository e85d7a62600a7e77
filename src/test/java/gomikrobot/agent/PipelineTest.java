package gomikrobot.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.testing.TestPipeline;
import gomikrobot.timeline.EventQuery;
import gomikrobot.timeline.PolicyDecision;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.TimelineEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
    @TempDir
    Path root;

    @Test
    void plainAnswerIsRecordedWithTokensAndOneTrace() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueText("Hello from the model");
            var in = f.owner("hello");
            assertEquals("Hello from the model", f.answer(in));

            Task task = f.timeline.tasks().byTrace(in.traceId()).orElseThrow();
            assertEquals(Task.COMPLETED, task.status());
            assertEquals(FakeOpenAiServer.TOTAL_TOKENS, task.totalTokens());
            assertEquals(FakeOpenAiServer.PROMPT_TOKENS, task.promptTokens());
            assertEquals(Task.DELIVERY_SENT, task.deliveryStatus());
            List<TimelineEvent> events = f.timeline.events().byTrace(in.traceId(), 100);
            assertTrue(events.stream().anyMatch(e -> e.classification().equals("CLI_INBOUND") && e.contentText().equals("hello")));
            assertTrue(events.stream().anyMatch(e -> e.classification().startsWith("CLI_OUTBOUND")
                    && e.contentText().equals("Hello from the model")));
            assertTrue(events.stream().anyMatch(e -> e.classification().equals("LLM")));
        }
    }

    @Test
    void toolCallRoundTripFeedsTheResultBackToTheModel() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            Files.writeString(f.workspace.resolve("notes.txt"), "the secret number is 42");
            f.llm.enqueueToolCall("read_file", "{\"path\":\"notes.txt\"}");
            f.llm.enqueueText("The number is 42.");
            var in = f.owner("what number is in notes.txt?");
            assertEquals("The number is 42.", f.answer(in));

            String secondRequest = f.llm.requests().stream().filter(r -> r.path().endsWith("/chat/completions"))
                    .toList().get(1).body();
            assertTrue(secondRequest.contains("the secret number is 42"), secondRequest);
            assertTrue(secondRequest.contains("\"tool_call_id\""), secondRequest);
            List<PolicyDecision> decisions = f.timeline.policy().byTrace(in.traceId());
            assertEquals(1, decisions.size());
            assertTrue(decisions.getFirst().allowed());
            assertEquals("read_file", decisions.getFirst().tool());
            assertTrue(f.timeline.events().byTrace(in.traceId(), 100).stream()
                    .anyMatch(e -> e.classification().equals("TOOL") && e.metadata().contains("\"tool_name\":\"read_file\"")));
        }
    }

    @Test
    void execOfRmRfRootIsDeniedAndTheDenialIsAudited() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueToolCall("exec", "{\"command\":\"rm -rf /\"}");
            f.llm.enqueueText("I will not do that.");
            var in = f.owner("wipe the disk");
            assertEquals("I will not do that.", f.answer(in));
            String toolMessage = f.llm.requests().stream().filter(r -> r.path().endsWith("/chat/completions"))
                    .toList().get(1).body();
            assertTrue(toolMessage.contains("denied"), toolMessage);
            List<PolicyDecision> decisions = f.timeline.policy().byTrace(in.traceId());
            assertTrue(decisions.stream().anyMatch(d -> d.tool().equals("exec") && !d.allowed()), decisions.toString());
        }
    }

    @Test
    void externalSenderIsRefusedATierOneTool() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueToolCall("write_file", "{\"path\":\"x.txt\",\"content\":\"pwned\"}");
            f.llm.enqueueText("Sorry, I can't.");
            var in = f.stranger("write x.txt");
            assertEquals("Sorry, I can't.", f.answer(in));
            assertFalse(Files.exists(f.workspace.resolve("x.txt")));
            PolicyDecision d = f.timeline.policy().byTrace(in.traceId()).getFirst();
            assertFalse(d.allowed());
            assertEquals("tier_1_denied_for_external_message", d.reason());
        }
    }

    @Test
    void toolRoundsAreBoundedByMaxToolIterations() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            for (int i = 0; i < 25; i++) {
                f.llm.enqueueToolCall("list_dir", "{\"path\":\".\"}");
            }
            var in = f.owner("loop forever");
            assertEquals(Reply.Reason.NO_FINAL_ANSWER, TestPipeline.failureOf(f.ask(in)).reason());
            assertEquals(20, f.llm.count("/chat/completions"));
            Task task = f.timeline.tasks().byTrace(in.traceId()).orElseThrow();
            assertEquals(Task.FAILED, task.status());
            assertTrue(task.errorText().contains("20 tool rounds"), task.errorText());
        }
    }

    @Test
    void rateLimitedOnceThenAnswered() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueStatus(429, "{\"error\":{\"message\":\"slow down\"}}", Map.of("Retry-After", "0"));
            f.llm.enqueueText("made it");
            assertEquals("made it", f.answer(f.owner("hi")));
            assertEquals(2, f.llm.count("/chat/completions"));
        }
    }

    @Test
    void serverErrorsBeyondTheRetriesFailTheTaskWithTheError() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            for (int i = 0; i < 4; i++) {
                f.llm.enqueueStatus(500, "{\"error\":{\"message\":\"upstream exploded\"}}", Map.of());
            }
            var in = f.owner("hi");
            assertEquals(Reply.Reason.MODEL_FAILED, TestPipeline.failureOf(f.ask(in)).reason());
            assertEquals(4, f.llm.count("/chat/completions"));
            Task task = f.timeline.tasks().byTrace(in.traceId()).orElseThrow();
            assertEquals(Task.FAILED, task.status());
            assertTrue(task.errorText().contains("500") && task.errorText().contains("upstream exploded"), task.errorText());
        }
    }

    @Test
    void garbageFromTheModelFailsTheTaskClearly() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueRaw("<html>not json</html>");
            var in = f.owner("hi");
            assertEquals(Reply.Reason.MODEL_FAILED, TestPipeline.failureOf(f.ask(in)).reason());
            Task task = f.timeline.tasks().byTrace(in.traceId()).orElseThrow();
            assertEquals(Task.FAILED, task.status());
            assertTrue(task.errorText().contains("malformed"), task.errorText());
        }
    }

    @Test
    void overTheDailyLimitAMessageMakesNoProviderRequestOfAnyKind() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.memory.remember("the first message is about tea", ""); // memory to search: 10 embedding tokens
            f.answer(f.owner("first")); // 15 chat tokens and 10 for the memory search's embedding
            f.timeline.settings().put("daily_token_limit", "35");
            int before = f.llm.requests().size();

            Reply.Failure failure = TestPipeline.failureOf(f.ask(f.owner("second")));

            assertEquals(Reply.Reason.QUOTA_EXCEEDED, failure.reason());
            assertEquals("35/35 tokens used today", failure.detail());
            assertEquals(before, f.llm.requests().size(), "requests over the limit: " + f.llm.requests());
            assertEquals(Task.FAILED, f.timeline.tasks().list(null, null, 1, 0).getFirst().status());
        }
    }

    @Test
    void embeddingTokensCountTowardTheDailyUsage() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.memory.remember("hello is a greeting", "");
            f.answer(f.owner("hello"));
            assertEquals(2, f.llm.count("/embeddings")); // the fact remembered, then the message's memory search
            assertEquals(FakeOpenAiServer.TOTAL_TOKENS + 2 * FakeOpenAiServer.PROMPT_TOKENS, f.agent.quota().usedToday());
        }
    }

    @Test
    void noMoreLlmCallsRunAtOnceThanModelMaxConcurrentCallsAllows() throws Exception {
        try (TestPipeline f = TestPipeline.start(root, Map.of("MIKROBOT_MODEL_MAX_CONCURRENT_CALLS", "2"), true,
                TestPipeline.quietLog())) {
            f.llm.setDefaultDelay(Duration.ofMillis(300));
            List<CompletableFuture<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                InboundMessage in = InboundMessage.of("local", "chat-" + i, "local:chat-" + i, "Local", "hi " + i, true,
                        f.clock.instant());
                replies.add(f.askLater(in));
            }
            for (CompletableFuture<Reply> reply : replies) {
                assertInstanceOf(Reply.Answer.class, reply.get(60, TimeUnit.SECONDS));
            }
            assertEquals(2, f.llm.mostChatsAtOnce(), "six sessions in parallel, two LLM calls at a time");
        }
    }

    @Test
    void sameIdempotencyKeyRunsOnce() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueText("only once");
            var first = f.owner("hi").withIdempotencyKey("wa:ABC");
            var second = f.owner("hi").withIdempotencyKey("wa:ABC");
            assertEquals("only once", f.answer(first));
            assertEquals("only once", f.answer(second));
            assertEquals(1, f.llm.count("/chat/completions"));
            assertEquals(1, f.timeline.tasks().list(null, null, 100, 0).size());
        }
    }

    @Test
    void sessionHistoryReachesTheNextPrompt() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueText("Nice to meet you, Ada.");
            f.answer(f.owner("my name is Ada"));
            f.answer(f.owner("what is my name?"));
            String body = f.llm.last("/chat/completions").body();
            assertTrue(body.contains("my name is Ada") && body.contains("Nice to meet you, Ada."), body);
        }
    }

    @Test
    void soulFilesAreInTheSystemPrompt() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            Files.writeString(f.workspace.resolve("SOUL.md"), "Always answer like a pirate.");
            f.answer(f.owner("hi"));
            assertTrue(f.llm.last("/chat/completions").body().contains("Always answer like a pirate."));
        }
    }

    @Test
    void everyEventOfAMessageSharesItsTrace() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            var in = f.owner("hi");
            f.answer(in);
            List<TimelineEvent> all = f.timeline.events().list(new EventQuery(100, 0, null, null, null));
            assertTrue(all.size() >= 3);
            assertTrue(all.stream().allMatch(e -> e.traceId().equals(in.traceId())), all.toString());
        }
    }
}
