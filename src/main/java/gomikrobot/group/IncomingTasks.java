package gomikrobot.group;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Receipt;
import gomikrobot.bus.Reply;
import gomikrobot.config.GroupConfig;
import gomikrobot.delivery.Outcome;
import gomikrobot.delivery.Route;
import gomikrobot.delivery.StoredReply;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.timeline.GroupTask;
import gomikrobot.timeline.GroupTaskStore;
import gomikrobot.timeline.Task;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Tasks other members ask of this one. A request addressed here is stored ({@code incoming}) and handed to the
 * agent through the {@link Inbox} as a message from an external sender {@code group:<requester>} on channel
 * {@value #CHANNEL} — with the owner's tiers only when {@code group.trustedMembers} lists the requester — under
 * the idempotency key {@code group:<task id>}, so a request Kafka delivers again is never run twice. Returning
 * means it is stored: only then is its offset committed. The answer goes back through the delivery worker, as
 * this channel's {@link Route}: the spans of the work first, then the response (retried, surviving a restart).
 */
final class IncomingTasks implements Route {
    static final String CHANNEL = "group";
    static final String KEY_PREFIX = "group:";
    /** Longest answer sent back; a longer one is cut (a Kafka record is at most 1 MB by default). */
    static final int MAX_ANSWER_CHARS = 200_000;

    private final String self;
    private final GroupConfig config;
    private final GroupTaskStore tasks;
    private final Supplier<GroupNode.Agent> agent;
    private final Supplier<Membership> membership;
    private final RemoteSpans spans;
    private final Clock clock;

    IncomingTasks(String self, GroupConfig config, GroupTaskStore tasks, Supplier<GroupNode.Agent> agent,
                  Supplier<Membership> membership, RemoteSpans spans, Clock clock) {
        this.self = self;
        this.config = config;
        this.tasks = tasks;
        this.agent = agent;
        this.membership = membership;
        this.spans = spans;
        this.clock = clock;
    }

    /** A request record: taken in when it is addressed to this member; others' requests are not ours. */
    void requested(Envelope request) throws InterruptedException {
        JsonObject p = request.payload();
        if (!p.string("responder_id", "").equals(self)) {
            return;
        }
        String taskId = p.string("task_id", "");
        String requester = request.senderId();
        Instant now = clock.instant();
        tasks.insert(GroupTask.fresh(taskId, p.string("description", ""), p.string("content", ""),
                GroupTask.INCOMING, requester, self, now, null, p.string("trace_id", "")));
        InboundMessage message = new InboundMessage(CHANNEL, requester, KEY_PREFIX + requester, requester,
                text(p), "", taskId, p.string("trace_id", ""), KEY_PREFIX + taskId, config.trusts(requester), now, "");
        switch (agent.get().inbox().submit(message)) {
            case Receipt.Accepted accepted -> tasks.accept(taskId, now);
            case Receipt.Duplicate duplicate -> duplicate.answer().ifPresent(answer -> resend(taskId, requester,
                    answer));
            case Receipt.Refused refused -> throw new IllegalStateException("not taken in: " + refused.why().describe());
            case Receipt.Handled handled -> resend(taskId, requester, new Reply.Answer(handled.reply())); // at the door
        }
    }

    /** The delivery of a finished group task: its spans and its answer to the member who asked. */
    @Override
    public Outcome deliver(Task task, boolean silent) {
        if (!task.idempotencyKey().startsWith(KEY_PREFIX)) {
            return new Outcome.Failed("not a group task: " + task.idempotencyKey());
        }
        String taskId = task.idempotencyKey().substring(KEY_PREFIX.length());
        Membership m = membership.get();
        if (m == null) {
            return new Outcome.Retry("not in a group right now");
        }
        Reply reply = StoredReply.of(task);
        try {
            spans.publish(m.publisher(), taskId, task.traceId());
            respond(m.publisher(), taskId, reply);
        } catch (GroupTransport.PublishException e) {
            return new Outcome.Retry(e.getMessage());
        }
        tasks.respond(taskId, status(reply), text(reply), clock.instant());
        agent.get().deliveries().delivered(task, text(reply), "GROUP_OUTBOUND->" + task.chatId() + " status=sent", "sent",
                task.chatId());
        return new Outcome.Sent();
    }

    private void resend(String taskId, String requester, Reply answer) {
        Membership m = membership.get();
        if (m != null) {
            try {
                respond(m.publisher(), taskId, answer);
            } catch (GroupTransport.PublishException e) {
                // the requester's own wait ends in a timeout; the answer stays in our task
                m.log().warn("Group answer not sent again", "task_id", taskId, "to", requester, "error",
                        e.getMessage());
            }
        }
    }

    private void respond(Publisher publisher, String taskId, Reply reply) throws GroupTransport.PublishException {
        publisher.publish(Kind.RESPONSE, taskId, taskId, Json.object("task_id", taskId, "responder_id", self,
                "content", text(reply), "status", status(reply)));
    }

    private static String text(JsonObject request) {
        String content = request.string("content", "").strip();
        String description = request.string("description", "").strip();
        return content.isEmpty() ? description : description + "\n\n" + content;
    }

    private static String text(Reply reply) {
        String text = switch (reply) {
            case Reply.Answer answer -> answer.text();
            case Reply.Failure failure -> failure.describe();
        };
        return text.length() <= MAX_ANSWER_CHARS ? text : text.substring(0, MAX_ANSWER_CHARS) + " ...";
    }

    private static String status(Reply reply) {
        return reply instanceof Reply.Answer ? GroupTask.COMPLETED : GroupTask.FAILED;
    }
}
