package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.delivery.DeliveryLog;
import gomikrobot.delivery.DeliveryWorker;
import gomikrobot.delivery.ChannelRoute;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.NewTask;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.Timeline;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cobalt completes a send that never left with status {@code ERROR}: with real cobalt message objects, such a send
 * is a failed delivery the worker retries with backoff (over a real SQLite timeline), never "sent".
 */
class SendStatusTest {
    private static final String FRIEND = "4915112345678@s.whatsapp.net";

    @TempDir
    Path dir;

    @Test
    void sendReportedWithStatusErrorIsRetriedThenSent() {
        List<String> recorded = Collections.synchronizedList(new ArrayList<>());
        try (var fx = new ChannelFixture(dir, ChannelFixture.config(List.of(), false, true));
             Database db = Database.open(dir.resolve("timeline.db"), Log.quiet())) {
            fx.channel.start();
            Timeline timeline = Timeline.open(db, Clock.systemUTC(), new Ids(Clock.systemUTC()));
            DeliveryLog log = (task, text, classification, status, recipient) -> recorded.add(classification);
            var worker = new DeliveryWorker(timeline.tasks(), () -> false,
                    Map.of("whatsapp", new ChannelRoute(fx.channel, log)), Clock.systemUTC(), Log.quiet(),
                    new Metrics(), Runnable::run);
            Task task = timeline.tasks().create(new NewTask("", "trace-1", "whatsapp", FRIEND, "s", NewTask.EXTERNAL,
                    "question")).task();
            timeline.tasks().complete(task.taskId(), "the answer");

            fx.transport.sendReplies.add(sent("3EB0FAIL", MessageStatus.ERROR));
            Instant before = Instant.now();
            worker.deliverNow(task.taskId());
            Task afterError = timeline.tasks().get(task.taskId()).orElseThrow();
            assertEquals(Task.DELIVERY_PENDING, afterError.deliveryStatus(), "not sent");
            assertEquals(1, afterError.deliveryAttempts());
            assertFalse(afterError.deliveryNextAt().isBefore(before.plusSeconds(29)), "retried with backoff");
            assertEquals(List.of("WHATSAPP_OUTBOUND status=error to=" + FRIEND), recorded);

            fx.transport.sendReplies.add(sent("3EB0OK", MessageStatus.SERVER_ACK));
            worker.deliverNow(task.taskId()); // what the poll does once the backoff has passed
            assertEquals(Task.DELIVERY_SENT, timeline.tasks().get(task.taskId()).orElseThrow().deliveryStatus());
            assertTrue(recorded.getLast().startsWith("WHATSAPP_OUTBOUND status=sent"), recorded.toString());
        }
    }

    /** What cobalt's send future completes with: the message as it stored it, with the status it ended in. */
    private static ChatMessageInfo sent(String id, MessageStatus status) {
        var key = new ChatMessageKeyBuilder().id(id).chatJid(Jid.of(FRIEND)).fromMe(true).build();
        return new ChatMessageInfoBuilder().key(key).message(MessageContainer.of("the answer")).status(status).build();
    }
}
