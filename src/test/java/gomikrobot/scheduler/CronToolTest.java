package gomikrobot.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.json.Json;
import gomikrobot.testing.Eventually;
import gomikrobot.timeline.ScheduledJob;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.EventQuery;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cron} tool in real turns: the model adds a reminder for the person asking, which later runs and is
 * answered in the same conversation; people other than the owner see and change only their own jobs; a job
 * cannot be made where nobody would read its answer.
 */
class CronToolTest {
    @TempDir
    Path dir;

    @Test
    void remindMeInTwentyMinutesBecomesAJobThatRunsAndAnswersTheSameSession() throws Exception {
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-01T08:00:00Z")) {
            rig.pipeline.llm.enqueueToolCall("cron", "{\"action\":\"add\",\"in\":\"20m\","
                    + "\"prompt\":\"Remind the user to stretch.\"}");
            rig.pipeline.llm.enqueueText("I will remind you at 08:20.");
            InboundMessage ask = InboundMessage.of("webui", "7", "webui:alice", "alice",
                    "remind me in 20 minutes to stretch", true, rig.clock.instant());
            assertEquals("I will remind you at 08:20.", rig.pipeline.answer(ask));

            ScheduledJob job = rig.jobs.list(Caller.OWNER).getFirst();
            assertEquals(List.of("remind-the-user-to-stretch", "at", "webui", "7", "webui:alice"),
                    List.of(job.name(), job.kind(), job.owner().channel(), job.owner().chatId(),
                            job.owner().senderId()));
            assertEquals(Instant.parse("2026-03-01T08:20:00Z"), job.nextRunAt());
            String toolResult = rig.pipeline.llm.last("/chat/completions").body();
            assertTrue(toolResult.contains("Added #" + job.id() + " \\\"remind-the-user-to-stretch\\\""), toolResult);

            rig.tickAt("2026-03-01T08:20:00Z");
            Task run = rig.pipeline.finishedTask(rig.runsOf(job).getFirst().traceId());
            assertEquals("webui:7", run.channel() + ":" + run.chatId());
            Eventually.await(() -> rig.pipeline.delivered.stream().anyMatch(m -> m.taskId().equals(run.taskId())),
                    "the reminder handed to the web chat's delivery");
            OutboundMessage out = rig.pipeline.delivered.stream().filter(m -> m.taskId().equals(run.taskId()))
                    .findFirst().orElseThrow();
            assertEquals("webui:7", out.channel() + ":" + out.chatId());
            // the same session: the run's turn saw the conversation in which the reminder was asked for
            String runPrompt = rig.pipeline.llm.last("/chat/completions").body();
            assertTrue(runPrompt.contains("remind me in 20 minutes to stretch"), runPrompt);
            assertTrue(runPrompt.contains("Remind the user to stretch."), runPrompt);
        }
    }

    @Test
    void someoneElseSeesAndChangesOnlyTheirOwnJobs() throws Exception {
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-01T08:00:00Z",
                Map.of("MIKROBOT_POLICY_EXTERNAL_MAX_TIER", "1"))) {
            ScheduledJob owners = rig.add("owners", "Back up the notes.", "", "", "1h", "", "UTC");
            rig.pipeline.llm.enqueueToolCall("cron", "{\"action\":\"add\",\"every\":\"1d\",\"prompt\":\"x\"}");
            rig.pipeline.llm.enqueueToolCall("cron", "{\"action\":\"add\",\"cron\":\"0 9 * * 1\","
                    + "\"time_zone\":\"Europe/Berlin\",\"prompt\":\"Say good morning.\",\"name\":\"monday\"}");
            rig.pipeline.llm.enqueueToolCall("cron", "{\"action\":\"list\"}");
            rig.pipeline.llm.enqueueToolCall("cron", "{\"action\":\"remove\",\"id\":" + owners.id() + "}");
            rig.pipeline.llm.enqueueText("done");
            InboundMessage bob = InboundMessage.of("webui", "8", "webui:bob", "bob", "set me up", false,
                    rig.clock.instant());
            assertEquals("done", rig.pipeline.answer(bob));

            List<String> results = toolResults(rig);
            assertTrue(results.get(0).contains("'1d' is not a duration: write it like 20m, 2h or 1h30m"), results.get(0));
            assertTrue(results.get(1).startsWith("Added #"), results.get(1));
            assertTrue(results.get(2).contains("\"monday\": cron 0 9 * * 1 (Europe/Berlin)"), results.get(2));
            assertTrue(!results.get(2).contains("owners"), "bob does not see the owner's job: " + results.get(2));
            assertEquals("Error: no job #" + owners.id(), results.get(3));
            assertEquals(2, rig.jobs.list(Caller.OWNER).size(), "the owner's job is still there");
            ScheduledJob monday = rig.jobs.list(new Caller(false, "webui", "webui:bob")).getFirst();
            assertEquals(false, monday.owner().internal(), "it runs with bob's permissions");
        }
    }

    @Test
    void aJobMadeWhereAnswersCannotArriveIsRefusedSayingWhereItCanBeMade() throws Exception {
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-01T08:00:00Z")) {
            rig.pipeline.llm.enqueueToolCall("cron", "{\"action\":\"add\",\"in\":\"5m\",\"prompt\":\"ping\"}");
            rig.pipeline.llm.enqueueText("I cannot schedule from here.");
            rig.pipeline.answer(rig.pipeline.owner("remind me in 5 minutes"));
            String result = toolResults(rig).getFirst();
            assertTrue(result.contains("the cli channel only answers someone waiting for the answer"), result);
            assertTrue(result.contains("gomikrobot cron add --to CHANNEL:CHAT"), result);
            assertEquals(List.of(), rig.jobs.list(Caller.OWNER));
        }
    }

    /** What each tool call so far gave the model, in order, as the timeline recorded it. */
    private static List<String> toolResults(SchedulerRig rig) {
        return rig.pipeline.timeline.events().list(EventQuery.latest(100)).reversed().stream()
                .filter(e -> e.classification().equals("TOOL")).map(e -> Json.parseObject(e.metadata()))
                .map(m -> m.has("error") ? "Error: " + m.string("error", "") : m.string("result", "")).toList();
    }
}
