package gomikrobot.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.timeline.ScheduledJob;
import gomikrobot.timeline.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heartbeat reads {@code HEARTBEAT.md} every interval: without open items it makes no provider request at
 * all; with one it makes one turn, whose answer goes to {@code scheduler.heartbeatTo}.
 */
class HeartbeatTest {
    private static final String DONE = """
            # Things to watch
            <!-- - [ ] a commented-out item is no item
            -->
            - [x] renew the certificate
            Plain notes are context, not items.
            ```
            - [ ] an item in a code block is an example, not an item
            ```
            """;

    @TempDir
    Path dir;

    @Test
    void aFileWithoutOpenItemsMakesNoProviderRequestAndAnOpenItemMakesOneTurn() throws Exception {
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-01T08:00:00Z",
                Map.of("MIKROBOT_SCHEDULER_HEARTBEAT_TO", "webui:1"))) {
            ScheduledJob beat = heartbeat(rig);
            assertEquals(Instant.parse("2026-03-01T08:30:00Z"), beat.nextRunAt());

            rig.tickAt("2026-03-01T08:30:00Z");
            assertEquals("no_file", rig.job(beat.id()).last().status());
            Files.writeString(rig.pipeline.workspace.resolve("HEARTBEAT.md"), DONE);
            rig.tickAt("2026-03-01T09:00:00Z");
            assertEquals("no_open_items", rig.job(beat.id()).last().status());
            assertEquals(0, rig.pipeline.llm.requests().size(), "no request of any kind went to the provider");
            assertEquals(List.of(), rig.runsOf(beat));

            Files.writeString(rig.pipeline.workspace.resolve("HEARTBEAT.md"), DONE + "- [ ] check the disk space\n");
            rig.pipeline.llm.enqueueText("The disk is 91% full.");
            rig.tickAt("2026-03-01T09:30:00Z");
            List<Task> runs = rig.runsOf(beat);
            assertEquals(1, runs.size());
            Task run = rig.pipeline.finishedTask(runs.getFirst().traceId());
            assertEquals(List.of("webui", "1", "internal", "The disk is 91% full."),
                    List.of(run.channel(), run.chatId(), run.messageType(), run.contentOut()));
            assertEquals(1, rig.pipeline.llm.count("/chat/completions"));
            String prompt = rig.pipeline.llm.last("/chat/completions").body();
            assertTrue(prompt.contains("Open items:\\n- check the disk space"), prompt);
            assertTrue(!prompt.contains("commented-out"), prompt);
            assertEquals(Instant.parse("2026-03-01T10:00:00Z"), rig.job(beat.id()).nextRunAt());
        }
    }

    @Test
    void itIsOnlyThereWithATargetAndCannotBeRemovedOnlyPausedOrTurnedOff() throws Exception {
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-01T08:00:00Z")) {
            rig.scheduler.start();
            assertEquals(List.of(), rig.jobs.list(Caller.OWNER), "no scheduler.heartbeatTo: nobody to answer");
        }
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-01T08:00:00Z",
                Map.of("MIKROBOT_SCHEDULER_HEARTBEAT_TO", "webui:1"))) {
            rig.scheduler.start();
            ScheduledJob beat = rig.jobs.list(Caller.OWNER).getFirst();
            assertEquals(List.of("heartbeat", "every 30m", "webui", "1"), List.of(beat.name(),
                    Jobs.scheduleOf(beat).describe(), beat.owner().channel(), beat.owner().chatId()));
            JobRefused refused = assertThrows(JobRefused.class, () -> rig.jobs.remove(beat.id(), Caller.OWNER));
            assertTrue(refused.getMessage().contains("scheduler.heartbeatInterval to 0"), refused.getMessage());
            assertEquals(false, rig.jobs.pause(beat.id(), Caller.OWNER).enabled());
            rig.jobs.configureHeartbeat(Duration.ZERO, null);
            assertEquals(List.of(), rig.jobs.list(Caller.OWNER), "interval 0 turns it off");
        }
    }

    /** The heartbeat job as the gateway's start makes it from the configuration. */
    private static ScheduledJob heartbeat(SchedulerRig rig) {
        var config = rig.pipeline.config.scheduler();
        String to = config.heartbeatTo();
        ScheduledJob.Owner owner = to.isEmpty() ? null
                : new ScheduledJob.Owner(Jobs.OWNER_SENDER, to.substring(0, to.indexOf(':')),
                to.substring(to.indexOf(':') + 1), true);
        return rig.jobs.configureHeartbeat(config.heartbeatInterval(), owner).orElseThrow();
    }
}
