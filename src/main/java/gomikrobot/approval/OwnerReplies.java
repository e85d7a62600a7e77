package gomikrobot.approval;

import gomikrobot.bus.AnswerStream;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Inbox;
import gomikrobot.bus.Receipt;
import gomikrobot.bus.Reply;
import gomikrobot.session.Turn;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The inbox as channels and the local API see it in the gateway: the owner's answers to approval questions
 * ({@code yes 7f3a}, {@code no 7f3a}) are taken out here, before the intake stores or queues anything, so they
 * never reach the model and never wait behind the session that is waiting for them. The answer is acknowledged
 * in one line (a wrong or expired code too): on the owner channel it came from, or as the reply of a caller
 * that waits. Only the owner's own messages ({@code internal}) can answer; everything else passes through.
 */
public final class OwnerReplies implements Inbox {
    private final Inbox next;
    private final Approvals approvals;

    public OwnerReplies(Inbox next, Approvals approvals) {
        this.next = next;
        this.approvals = approvals;
    }

    @Override
    public Receipt submit(InboundMessage message, AnswerStream stream) throws InterruptedException {
        Optional<String> answered = answer(message);
        if (answered.isEmpty()) {
            return next.submit(message, stream);
        }
        approvals.tell(message.channel(), answered.get());
        return new Receipt.Handled(answered.get());
    }

    @Override
    public Reply ask(InboundMessage message, Duration timeout, AnswerStream stream) throws InterruptedException {
        Optional<String> answered = answer(message);
        if (answered.isEmpty()) {
            return next.ask(message, timeout, stream);
        }
        stream.delta(answered.get());
        return new Reply.Answer(answered.get());
    }

    @Override
    public Reply ask(InboundMessage message, List<Turn> history, Duration timeout, AnswerStream stream)
            throws InterruptedException {
        Optional<String> answered = answer(message);
        if (answered.isEmpty()) {
            return next.ask(message, history, timeout, stream);
        }
        stream.delta(answered.get());
        return new Reply.Answer(answered.get());
    }

    /** The acknowledgement when the message is an owner's answer to an approval question. */
    private Optional<String> answer(InboundMessage message) {
        if (!message.internal() || !message.mediaPath().isEmpty()) {
            return Optional.empty();
        }
        return OwnerReply.parse(message.text()).map(reply -> ApprovalText.acknowledgement(
                approvals.answer(reply.code(), reply.approved(), message.channel()), approvals.pending()));
    }
}
