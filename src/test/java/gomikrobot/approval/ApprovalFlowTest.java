package gomikrobot.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.policy.PolicyEngine;
import gomikrobot.testing.Eventually;
import gomikrobot.testing.TestPipeline;
import gomikrobot.timeline.ApprovalRecord;
import gomikrobot.timeline.NewTask;
import gomikrobot.timeline.PolicyDecision;
import gomikrobot.timeline.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls that wait for the owner, through the real agent (fake LLM, real SQLite, real tools) as the gateway wires
 * it: the owner may run tier 1 by themselves, so {@code exec} (tier 2) waits for their answer.
 */
class ApprovalFlowTest {
    private static final String CHAT = "/chat/completions";
    private static final Map<String, String> OWNER_UP_TO_TIER_1 = Map.of("MIKROBOT_POLICY_MAX_AUTO_TIER", "1");

    @TempDir
    Path root;
    private final RecordingOwner owner = new RecordingOwner("cli");

    private TestPipeline pipeline(Map<String, String> env) throws Exception {
        TestPipeline p = TestPipeline.withApprovals(root, env);
        p.approvals.addOwnerChannel(owner);
        return p;
    }

    private String awaitQuestion(TestPipeline p) throws InterruptedException {
        Eventually.await(() -> owner.lastCode().isPresent() && !p.approvals.pending().isEmpty(), "approval question");
        return owner.lastCode().orElseThrow();
    }

    @Test
    void theOwnersYesInChatRunsTheWaitingCallAndNeverReachesTheModel() throws Exception {
        try (TestPipeline p = pipeline(OWNER_UP_TO_TIER_1)) {
            p.llm.enqueueToolCall("exec", "{\"command\":\"echo ran-after-approval\"}");
            p.llm.enqueueText("done");
            InboundMessage pull = p.owner("please pull");
            CompletableFuture<Reply> reply = p.askLater(pull);

            String code = awaitQuestion(p);
            assertEquals("Allow `exec` (tier 2) for you on cli: `echo ran-after-approval`? Reply `yes " + code
                    + "` or `no " + code + "` (within 5 min).", owner.told.getFirst());
            assertEquals(new Reply.Answer("Approved " + code + ": `exec` runs now."), p.ask(p.owner("yes " + code)));

            assertEquals("done", TestPipeline.textOf(reply.get(20, TimeUnit.SECONDS)));
            assertTrue(p.llm.last(CHAT).body().contains("ran-after-approval"), "the tool ran and the model saw it");
            assertEquals(2, p.llm.count(CHAT), "the owner's yes never reached the model");
            assertEquals(1, p.timeline.tasks().countByStatus().values().stream().mapToLong(Long::longValue).sum(),
                    "the owner's yes is no task");
            assertEquals(List.of("approved_by_owner"), reasons(p, pull.traceId()));
            assertEquals(ApprovalRecord.APPROVED, p.timeline.approvals().byTrace(pull.traceId()).getFirst().status());
        }
    }

    @Test
    void aCallNobodyAnswersIsDeniedAsApprovalTimeoutAndALateOrWrongCodeIsTold() throws Exception {
        Map<String, String> env = Map.of("MIKROBOT_POLICY_MAX_AUTO_TIER", "1", "MIKROBOT_POLICY_APPROVAL_TIMEOUT", "200ms");
        try (TestPipeline p = pipeline(env)) {
            p.llm.enqueueToolCall("exec", "{\"command\":\"echo never\"}");
            p.llm.enqueueText("The owner did not approve it in time.");
            InboundMessage pull = p.owner("please pull");

            assertEquals("The owner did not approve it in time.", p.answer(pull));
            String toolResult = p.llm.last(CHAT).body();
            assertTrue(toolResult.contains("denied by policy: approval_timeout: the owner did not answer within 1 s"),
                    toolResult);
            assertEquals(List.of(PolicyEngine.APPROVAL_TIMEOUT), reasons(p, pull.traceId()));
            String code = owner.lastCode().orElseThrow();
            assertEquals(ApprovalRecord.TIMEOUT, p.timeline.approvals().byTrace(pull.traceId()).getFirst().status());
            assertEquals("Approval " + code + " for `exec` expired after 1 s; it was not run.", owner.told.getLast());

            assertEquals(new Reply.Answer("Approval " + code + " was already timed out. Nothing is waiting."),
                    p.ask(p.owner("yes " + code)));
            assertEquals(new Reply.Answer("No approval is waiting under 0000. Nothing is waiting."),
                    p.ask(p.owner("no 0000")));
            assertEquals(2, p.llm.count(CHAT), "answers to approvals are never a turn of the model");
        }
    }

    @Test
    void otherSessionsAreAnsweredWhileOneWaitsForTheOwner() throws Exception {
        try (TestPipeline p = pipeline(Map.of())) {
            p.llm.enqueueToolCall("exec", "{\"command\":\"echo from a stranger\"}");
            InboundMessage stranger = p.stranger("run it");
            CompletableFuture<Reply> waiting = p.askLater(stranger);
            String code = awaitQuestion(p);
            assertTrue(owner.told.getFirst().contains("for stranger on local"), owner.told.getFirst());

            assertEquals("echo: hello", p.answer(p.owner("hello")), "another session is answered meanwhile");
            assertEquals(false, waiting.isDone());

            assertEquals(Resolution.Answered.class, p.approvals.answer(code, false, "dashboard").getClass());
            assertEquals("echo: run it", TestPipeline.textOf(waiting.get(20, TimeUnit.SECONDS)));
            assertTrue(p.llm.last(CHAT).body().contains("denied_by_owner"));
            assertEquals(List.of(PolicyEngine.DENIED_BY_OWNER), reasons(p, stranger.traceId()));
        }
    }

    @Test
    void stoppingEndsTheWaitTheRequestIsDeniedAndTheTaskInterrupted() throws Exception {
        try (TestPipeline p = pipeline(OWNER_UP_TO_TIER_1)) {
            p.llm.enqueueToolCall("exec", "{\"command\":\"echo never\"}");
            InboundMessage pull = p.owner("please pull");
            p.askLater(pull);
            awaitQuestion(p);

            p.approvals.close();
            Task task = p.finishedTask(pull.traceId());
            assertEquals(Task.FAILED, task.status());
            assertTrue(task.errorText().startsWith("interrupted"), task.errorText());
            assertEquals(ApprovalRecord.DENIED, p.timeline.approvals().byTrace(pull.traceId()).getFirst().status());
            assertEquals(List.of(PolicyEngine.APPROVAL_INTERRUPTED), reasons(p, pull.traceId()));
            assertEquals(1, p.llm.count(CHAT), "an interrupted call is not shown to the model");
        }
    }

    @Test
    void aRequestARestartLeftPendingIsDeniedAndItsSenderAskedToSendAgain() throws Exception {
        try (TestPipeline p = pipeline(Map.of())) {
            var tasks = p.timeline.tasks();
            String taskId = tasks.create(new NewTask("wa:1", "wa-1", "whatsapp", "4917612345678@s.whatsapp.net",
                    "4917612345678", NewTask.EXTERNAL, "pull")).task().taskId();
            tasks.markProcessing(taskId);
            p.timeline.approvals().create("9c0d1e2f3a4b5c6d", "wa-1", taskId, "exec", 2, "{\"command\":\"git pull\"}",
                    "4917612345678", "whatsapp");

            assertEquals(1, new InterruptedApprovals(p.timeline.approvals(), tasks, p.timeline.policy(),
                    TestPipeline.quietLog()).settle());
            Task task = tasks.get(taskId).orElseThrow();
            assertEquals(Task.FAILED, task.status());
            assertEquals(Reply.Reason.INTERRUPTED, Reply.Failure.fromErrorText(task.errorText()).reason());
            assertEquals(ApprovalRecord.DENIED, p.timeline.approvals().byId("9c0d1e2f3a4b5c6d").orElseThrow().status());
            assertEquals(List.of(PolicyEngine.APPROVAL_INTERRUPTED), reasons(p, "wa-1"));
            p.agent.recovery().run();
            assertEquals(Task.FAILED, tasks.get(taskId).orElseThrow().status(), "not run again: its sender is told");
        }
    }

    private static List<String> reasons(TestPipeline p, String traceId) {
        return p.timeline.policy().byTrace(traceId).stream().map(PolicyDecision::reason).toList();
    }
}
