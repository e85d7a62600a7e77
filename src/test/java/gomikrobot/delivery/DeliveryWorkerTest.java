package gomikrobot.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.OutboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.channels.Channel;
import gomikrobot.channels.ChannelStatus;
import gomikrobot.channels.PersonText;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    private final List<String> recordedTexts = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean silent = new AtomicBoolean(false);
    private DeliveryWorker worker;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("timeline.db"), Log.quiet());
        timeline = Timeline.open(db, Clock.systemUTC(), new Ids(Clock.systemUTC()));
        DeliveryLog log = (task, text, classification, status, recipient) -> {
            recorded.add(classification);
            recordedTexts.add(text);
        };
        worker = new DeliveryWorker(timeline.tasks(), silent::get,
                Route.standard(timeline.webUsers(), List.of(whatsapp), log), Clock.systemUTC(), Log.quiet(),
                new Metrics(), Runnable::run);
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
    void aFailedTaskTellsItsUserWhatWentWrongInASentence() {
        Task task = created("whatsapp", JID, "hi");
        timeline.tasks().fail(task.taskId(), new Reply.Failure(Reply.Reason.MODEL_FAILED, "HTTP 500").errorText());
        worker.deliverNow(task.taskId());
        assertEquals(List.of("Sorry, I could not reach the language model (HTTP 500). Please try again later."),
                whatsapp.sentTexts());
        assertEquals(Task.DELIVERY_SENT, reload(task).deliveryStatus());
    }

    @Test
    void anInterruptedTaskAsksItsUserToSendTheMessageAgainOnEveryChannel() {
        long ada = timeline.webUsers().createOrGet("ada").id();
        Task onWhatsApp = created("whatsapp", JID, "hi");
        Task onWeb = created("webui", Long.toString(ada), "hi");
        timeline.tasks().fail(onWhatsApp.taskId(), "interrupted");
        timeline.tasks().fail(onWeb.taskId(), "interrupted");
        worker.pollOnce();
        assertEquals(List.of(PersonText.INTERRUPTED), whatsapp.sentTexts());
        assertEquals(List.of(PersonText.INTERRUPTED, PersonText.INTERRUPTED), recordedTexts);
        assertEquals(Task.DELIVERY_SENT, reload(onWeb).deliveryStatus());
    }

    @Test
    void onePollSettlesEveryPendingReplyNotJustABatch() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            tasks.add(completed(i % 2 == 0 ? "whatsapp" : "local", i % 2 == 0 ? JID : "default", "answer " + i));
        }
        worker.pollOnce();
        assertEquals(List.of(), tasks.stream().map(this::reload)
                .filter(t -> t.deliveryStatus().equals(Task.DELIVERY_PENDING)).toList());
    }

    @Test
    void anInlineReplyNobodyWaitedForIsMarkedFailedNotLeftPending() {
        Task task = completed("cli", "default", "too late");
        worker.deliverNow(task.taskId());
        assertEquals(Task.DELIVERY_FAILED, reload(task).deliveryStatus());
        assertEquals(List.of(), whatsapp.sentTexts());
    }

    @Test
    void aChatWhoseSendIsSlowDoesNotHoldUpAnotherChat() throws Exception {
        var release = new CountDownLatch(1);
        var blocking = new RecordingChannel() {
            @Override
            public SendResult send(OutboundMessage message) {
                if (message.chatId().equals(JID)) {
                    awaitQuietly(release); // a slow send, or this chat's one-message-a-second slot
                }
                return super.send(message);
            }
        };
        var threaded = new DeliveryWorker(timeline.tasks(), silent::get,
                Map.of("whatsapp", new ChannelRoute(blocking, (t, x, c, s, r) -> { })), Clock.systemUTC(), Log.quiet(),
                new Metrics());
        Task slow = completed("whatsapp", JID, "to the slow chat");
        Task later = completed("whatsapp", JID, "second to the slow chat");
        Task other = completed("whatsapp", "4915100000009@s.whatsapp.net", "to another chat");
        threaded.deliverNow(slow.taskId());
        threaded.deliverNow(later.taskId());
        threaded.deliverNow(other.taskId());
        for (int i = 0; i < 1000 && !Task.DELIVERY_SENT.equals(reload(other).deliveryStatus()); i++) {
            Thread.sleep(10);
        }
        assertEquals(Task.DELIVERY_SENT, reload(other).deliveryStatus(), "the other chat was served meanwhile");
        assertEquals(List.of("to another chat"), blocking.sentTexts());
        release.countDown();
        threaded.close(); // waits for the lanes
        assertEquals(List.of("to another chat", "to the slow chat", "second to the slow chat"), blocking.sentTexts(),
                "one chat's answers stay in order");
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

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A WhatsApp channel that records what it was asked to send and fails on demand. */
    private static class RecordingChannel implements Channel {
        final List<OutboundMessage> sent = Collections.synchronizedList(new ArrayList<>());
        volatile boolean fail;

        List<String> sentTexts() {
            return sent.stream().map(m -> PersonText.of(m.reply())).toList();
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
