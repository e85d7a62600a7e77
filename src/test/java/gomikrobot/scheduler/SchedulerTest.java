package gomikrobot.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.testing.Eventually;
import gomikrobot.timeline.ScheduledJob;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.TimelineEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler on a clock the test moves: jobs run at their instants (across a daylight-saving change too),
 * through the whole agent, answered in the owner's chat; missed runs are made up once within
 * {@code scheduler.catchUp} and skipped, and recorded, beyond it; runs of one job never overlap.
 */
class SchedulerTest {
    @TempDir
    Path dir;

    @Test
    void anAtJobRunsAtItsInstantOnceAndAnswersTheOwnersChat() throws Exception {
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-01T08:00:00Z")) {
            ScheduledJob job = rig.add("stretch", "Remind the user to stretch.", "2026-03-01T09:20:00Z", "", "", "",
                    "UTC");
            assertEquals(Optional.of(Instant.parse("2026-03-01T09:20:00Z")), rig.tickAt("2026-03-01T08:00:00Z"));
            rig.tickAt("2026-03-01T09:19:59Z");
            assertEquals(List.of(), rig.runsOf(job));

            assertEquals(Optional.empty(), rig.tickAt("2026-03-01T09:20:00Z"));
            Task run = rig.pipeline.finishedTask(rig.runsOf(job).getFirst().traceId());
            assertEquals("job:" + job.id() + ":2026-03-01T09:20:00Z", run.idempotencyKey());
            assertEquals("echo: [Scheduled job #" + job.id() + " \"stretch\", at 2026-03-01 09:20 UTC] Remind the user"
                    + " to stretch.", run.contentOut());
            assertEquals("internal", run.messageType());
            Eventually.await(() -> rig.pipeline.delivered.stream().anyMatch(m -> m.taskId().equals(run.taskId())),
                    "answer handed to the web chat's delivery");
            OutboundMessage out = rig.pipeline.delivered.stream().filter(m -> m.taskId().equals(run.taskId()))
                    .findFirst().orElseThrow();
            assertEquals(List.of("webui", "1"), List.of(out.channel(), out.chatId()));

            ScheduledJob after = rig.job(job.id());
            assertNull(after.nextRunAt());
            assertEquals(List.of(JobRunner.DISPATCHED, run.taskId(), run.traceId()),
                    List.of(after.last().status(), after.last().taskId(), after.last().traceId()));
            assertEquals(1, after.runCount());
            rig.tickAt("2026-03-01T10:00:00Z");
            assertEquals(1, rig.runsOf(job).size());
        }
    }

    @Test
    void anEveryJobRunsOnItsSlotsEvenWhenARoundComesLate() throws Exception {
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-01T08:00:00Z")) {
            ScheduledJob job = rig.add("", "Check the mail.", "", "", "1h", "", "UTC");
            assertEquals("check-the-mail", job.name());
            assertEquals(Instant.parse("2026-03-01T09:00:00Z"), job.nextRunAt());
            assertEquals(Optional.of(Instant.parse("2026-03-01T10:00:00Z")), rig.tickAt("2026-03-01T09:00:00Z"));
            awaitFinished(rig, job);
            assertEquals(Optional.of(Instant.parse("2026-03-01T11:00:00Z")), rig.tickAt("2026-03-01T10:00:30Z"));
            assertEquals(List.of("job:1:2026-03-01T09:00:00Z", "job:1:2026-03-01T10:00:00Z"),
                    rig.runsOf(job).stream().map(Task::idempotencyKey).toList());
        }
    }

    @Test
    void aCronJobAtHalfPastTwoRunsOnceOnTheSpringForwardNight() throws Exception {
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-28T12:00:00Z")) {
            ScheduledJob job = rig.add("night", "Rotate the logs.", "", "", "", "30 2 * * *", "Europe/Berlin");
            // 02:30 does not exist in Berlin on 29 March 2026: it runs at 03:30 CEST, then 02:30 CEST next night
            assertEquals(Instant.parse("2026-03-29T01:30:00Z"), job.nextRunAt());
            rig.tickAt("2026-03-29T01:29:59Z");
            assertEquals(List.of(), rig.runsOf(job));
            assertEquals(Optional.of(Instant.parse("2026-03-30T00:30:00Z")), rig.tickAt("2026-03-29T01:30:00Z"));
            assertEquals(1, rig.runsOf(job).size());
            assertEquals("cron 30 2 * * * (Europe/Berlin)", Jobs.scheduleOf(rig.job(job.id())).describe());
        }
    }

    @Test
    void afterARestartAJobMissedWithinCatchUpRunsOnceAndAnOlderMissIsSkippedAndRecorded() throws Exception {
        long recent;
        long old;
        long frequent;
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-01T08:00:00Z")) {
            recent = rig.add("recent", "Water the plants.", "2026-03-01T09:30:00Z", "", "", "", "UTC").id();
            old = rig.add("old", "Call the bank.", "", "", "", "0 8 * * *", "UTC").id(); // next: tomorrow 08:00
            frequent = rig.add("frequent", "Look at the queue.", "", "", "10m", "", "UTC").id(); // first 08:10
        } // the gateway stops and stays down until 09:05 the next day
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-02T09:05:00Z")) {
            rig.tickAt("2026-03-02T09:05:00Z");
            rig.tickAt("2026-03-02T09:05:00Z"); // a second round changes nothing: each miss was settled once

            ScheduledJob oldJob = rig.job(old);
            assertEquals(List.of(), rig.runsOf(oldJob), "08:00 was 65 minutes ago, more than catchUp (1h)");
            assertEquals(JobRunner.MISSED, oldJob.last().status());
            assertEquals(Instant.parse("2026-03-03T08:00:00Z"), oldJob.nextRunAt());

            ScheduledJob recentJob = rig.job(recent);
            assertEquals(List.of(), rig.runsOf(recentJob), "a day late");
            assertEquals(JobRunner.MISSED, recentJob.last().status());
            assertNull(recentJob.nextRunAt());

            // every 10 minutes since 08:10 yesterday: the old slots are skipped, the last hour's make one run
            ScheduledJob frequentJob = rig.job(frequent);
            assertEquals(List.of("job:" + frequent + ":2026-03-02T08:10:00Z"),
                    rig.runsOf(frequentJob).stream().map(Task::idempotencyKey).toList());
            assertEquals(Instant.parse("2026-03-02T09:10:00Z"), frequentJob.nextRunAt());
            String why = ": the gateway was not running then, and that is more than scheduler.catchUp (1h) ago.";
            assertEquals(Set.of("Job #" + old + " \"old\" did not run at 2026-03-02 08:00 UTC" + why,
                    "Job #" + recent + " \"recent\" did not run at 2026-03-01 09:30 UTC" + why,
                    "Job #" + frequent + " \"frequent\" did not run at 2026-03-01 08:10 UTC" + why),
                    rig.skips().stream().map(TimelineEvent::contentText).collect(Collectors.toSet()));
            assertEquals(3, rig.skips().size());
        }
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-03T08:40:00Z")) {
            rig.tickAt("2026-03-03T08:40:00Z");
            assertEquals(List.of("job:" + old + ":2026-03-03T08:00:00Z"),
                    rig.runsOf(rig.job(old)).stream().map(Task::idempotencyKey).toList(),
                    "40 minutes late, within catchUp: it runs once");
        }
    }

    @Test
    void aRunDispatchedJustBeforeACrashIsNotRunAgainAfterTheRestart() throws Exception {
        ScheduledJob job;
        String key;
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-01T08:00:00Z")) {
            job = rig.add("once", "Send the report.", "2026-03-01T09:00:00Z", "", "", "", "UTC");
            key = "job:" + job.id() + ":2026-03-01T09:00:00Z";
            // the crash: the scheduler handed the run to the intake (task stored), then died before the job moved on
            rig.clock.set("2026-03-01T09:00:00Z");
            rig.pipeline.inbox.submit(new InboundMessage("webui", "1", Jobs.OWNER_SENDER, "Scheduler",
                    "[Scheduled job #" + job.id() + "] Send the report.", "", "", "", key, true,
                    rig.clock.instant(), ""));
            assertEquals(Instant.parse("2026-03-01T09:00:00Z"), rig.job(job.id()).nextRunAt());
        }
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-01T09:00:05Z")) {
            rig.tickAt("2026-03-01T09:00:05Z");
            List<Task> runs = rig.runsOf(job);
            assertEquals(List.of(key), runs.stream().map(Task::idempotencyKey).toList());
            ScheduledJob after = rig.job(job.id());
            assertNull(after.nextRunAt());
            assertEquals(List.of(JobRunner.DISPATCHED, runs.getFirst().taskId(), 1L),
                    List.of(after.last().status(), after.last().taskId(), after.runCount()));
            assertEquals(Task.COMPLETED, rig.pipeline.finishedTask(runs.getFirst().traceId()).status());
        }
    }

    @Test
    void aSlotThatComesWhileTheLastRunIsStillGoingIsSkipped() throws Exception {
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-01T08:00:00Z")) {
            ScheduledJob job = rig.add("slow", "Summarise the repo.", "", "", "1m", "", "UTC");
            rig.pipeline.llm.enqueueDelay(Duration.ofSeconds(2)); // the first run is still at the model...
            rig.tickAt("2026-03-01T08:01:00Z");
            rig.tickAt("2026-03-01T08:02:00Z"); // ...when the next slot comes
            ScheduledJob after = rig.job(job.id());
            assertEquals(JobRunner.SKIPPED_CONCURRENCY, after.last().status());
            assertEquals(Instant.parse("2026-03-01T08:03:00Z"), after.nextRunAt());
            assertEquals(1, rig.runsOf(job).size());
            assertEquals(1, rig.skips().size());
            JobRefused running = assertThrows(JobRefused.class,
                    () -> rig.scheduler.runNow(job.id(), Caller.OWNER));
            assertEquals(JobRefused.Reason.CONFLICT, running.reason());
            awaitFinished(rig, job);
            rig.tickAt("2026-03-01T08:03:00Z");
            assertEquals(2, rig.runsOf(job).size());
        }
    }

    @Test
    void runNowRunsAPausedJobOutsideItsScheduleWhichStaysAsItWas() throws Exception {
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-01T08:00:00Z")) {
            ScheduledJob job = rig.add("daily", "Plan the day.", "", "", "", "0 7 * * *", "UTC");
            rig.jobs.pause(job.id(), Caller.OWNER);
            ScheduledJob ran = rig.scheduler.runNow(job.id(), Caller.OWNER);
            assertEquals(job.nextRunAt(), ran.nextRunAt());
            assertEquals(List.of(false, JobRunner.DISPATCHED, 1L),
                    List.of(ran.enabled(), ran.last().status(), ran.runCount()));
            Task run = rig.pipeline.finishedTask(ran.last().traceId());
            assertEquals("job:" + job.id() + ":now:2026-03-01T08:00:00Z", run.idempotencyKey());
            assertTrue(run.contentOut().contains("Plan the day."), run.contentOut());
        }
    }

    private static void awaitFinished(SchedulerRig rig, ScheduledJob job) throws InterruptedException {
        for (Task t : rig.runsOf(job)) {
            rig.pipeline.finishedTask(t.traceId());
        }
    }
}
