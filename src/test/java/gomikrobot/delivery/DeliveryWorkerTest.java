package gomikrobot.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.OutboundMessage;
import gomikrobot.channels.Channel;
import gomikrobot.channels.ChannelStatus;
import gomikrobot.channels.SendResult;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.timeline.CreateResult;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.NewTask;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.Timeline;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery worker over a real SQLite timeline with a recording WhatsApp channel. */
class DeliveryWorkerTest {
    private static final String JID = "4915112345678@s.whatsapp.net";

    @TempDir
    Path dir;
    private Database db;
    private Timeline timeline;
    private final RecordingChannel whatsapp = new RecordingChannel();
    private final List<String> recorded = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean silent = new AtomicBoolean(false);
    private DeliveryWorker worker;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("timeline.db"), Log.quiet());
        timeline = Timeline.open(db, Clock.systemUTC(), new Ids(Clock.systemUTC()));
        DeliveryLog log = (task, classification, status, recipient) -> recorded.add(classification);
        worker = new DeliveryWorker(timeline.tasks(), silent::get, Map.of(
                "whatsapp", new WhatsAppRoute(whatsapp, log),
                "webui", new WebUiRoute(timeline.webUsers(), Optional.of(whatsapp), log)),
                Clock.systemUTC(), Log.quiet(), new Metrics());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void backoffDoublesFromThirtySecondsUpToFiveMinutes() {
        assertEquals(List.of(30L, 60L, 120L, 240L, 300L, 300L),
                List.of(0, 1, 2, 3, 4, 5).stream().map(a -> DeliveryWorker.backoff(a).toSeconds()).toList());
    }

    @Test
    void whatsappAnswerIsSentAndMarkedSentAfterTheSend() {
        Task task = completed("whatsapp", JID, "hello there");
        worker.deliverNow(task.taskId());
        assertEquals(List.of("hello there"), whatsapp.sentTexts());
        assertEquals(Task.DELIVERY_SENT, reload(task).deliveryStatus());
        assertEquals(List.of("WHATSAPP_OUTBOUND status=sent to=" + JID), recorded);
    }

    @Test
    void silentModeSkipsWhatsappWithoutSending() {
        silent.set(true);
        Task task = completed("whatsapp", JID, "quiet please");
        worker.deliverNow(task.taskId());
        assertEquals(List.of(), whatsapp.sentTexts());
        assertEquals(Task.DELIVERY_SKIPPED, reload(task).deliveryStatus());
        assertEquals(List.of("WHATSAPP_OUTBOUND status=suppressed to=" + JID), recorded);
    }

    @Test
    void failedSendStaysPendingWithBackoffThenGivesUpAfterFiveAttempts() {
        whatsapp.fail = true;
        Task task = completed("whatsapp", JID, "retry me");
        Instant before = Instant.now();
        worker.deliverNow(task.taskId());
        Task afterFirst = reload(task);
        assertEquals(Task.DELIVERY_PENDING, afterFirst.deliveryStatus());
        assertEquals(1, afterFirst.deliveryAttempts());
        assertTrue(!afterFirst.deliveryNextAt().isBefore(before.plusSeconds(29)), afterFirst.deliveryNextAt().toString());
        for (int i = 0; i < 4; i++) {
            worker.deliverNow(task.taskId()); // what the poll does once each backoff has passed
        }
        assertEquals(5, whatsapp.sentTexts().size());
        worker.deliverNow(task.taskId());
        assertEquals(Task.DELIVERY_FAILED, reload(task).deliveryStatus());
        assertEquals(5, whatsapp.sentTexts().size(), "no sixth attempt");
    }

    @Test
    void webUserLinkedToWhatsappGetsTheAnswerForwardedUnlessSilentWithoutForce() {
        long forced = timeline.webUsers().createOrGet("ada").id();
        long quiet = timeline.webUsers().createOrGet("bob").id();
        timeline.webUsers().link(forced, "4915100000001");
        timeline.webUsers().link(quiet, "4915100000002");
        timeline.webUsers().setForceSend(quiet, false);
        silent.set(true);
        Task toAda = completed("webui", Long.toString(forced), "for ada");
        Task toBob = completed("webui", Long.toString(quiet), "for bob");
        worker.deliverNow(toAda.taskId());
        worker.deliverNow(toBob.taskId());
        assertEquals(List.of("for ada"), whatsapp.sentTexts(), "force_send overrides silent mode");
        assertEquals(Task.DELIVERY_SENT, reload(toAda).deliveryStatus());
        assertEquals(Task.DELIVERY_SENT, reload(toBob).deliveryStatus(), "the web answer itself is delivered");
        assertEquals(List.of("WEBUI_OUTBOUND->4915100000001@s.whatsapp.net force=true status=sent",
                "WEBUI_OUTBOUND->4915100000002@s.whatsapp.net force=false status=suppressed"), recorded);
    }

    @Test
    void aFailedTaskDeliversItsErrorText() {
        Task task = created("whatsapp", JID, "hi");
        timeline.tasks().fail(task.taskId(), "LLM request failed: HTTP 500");
        worker.deliverNow(task.taskId());
        assertEquals(List.of("Error: LLM request failed: HTTP 500"), whatsapp.sentTexts());
    }

    @Test
    void deliveredAnswersAreNotSentAgainByThePoll() {
        Task task = completed("whatsapp", JID, "once");
        worker.deliverNow(task.taskId());
        worker.pollOnce();
        worker.deliverNow(task.taskId());
        assertEquals(List.of("once"), whatsapp.sentTexts());
    }

    private Task created(String channel, String chat, String text) {
        CreateResult r = timeline.tasks().create(new NewTask("", "trace-" + System.nanoTime(), channel, chat, "s",
                NewTask.EXTERNAL, text));
        return r.task();
    }

    private Task completed(String channel, String chat, String answer) {
        Task task = created(channel, chat, "question");
        timeline.tasks().complete(task.taskId(), answer);
        return task;
    }

    private Task reload(Task task) {
        return timeline.tasks().get(task.taskId()).orElseThrow();
    }

    /** A WhatsApp channel that records what it was asked to send and fails on demand. */
    private static final class RecordingChannel implements Channel {
        final List<OutboundMessage> sent = Collections.synchronizedList(new ArrayList<>());
        volatile boolean fail;

        List<String> sentTexts() {
            return sent.stream().map(OutboundMessage::content).toList();
        }

        @Override
        public String name() {
            return "whatsapp";
        }

        @Override
        public void start() {
        }

        @Override
        public SendResult send(OutboundMessage message) {
            sent.add(message);
            return fail ? new SendResult.Failed("socket closed", true) : new SendResult.Sent();
        }

        @Override
        public ChannelStatus status() {
            return ChannelStatus.of(ChannelStatus.State.CONNECTED, "");
        }

        @Override
        public void close() {
        }
    }
}
