package gomikrobot.channels.whatsapp;

import gomikrobot.bus.InboundMessage;
import gomikrobot.channels.access.AccessControl;
import gomikrobot.channels.access.AccessPolicy;
import gomikrobot.channels.access.UnauthorizedRecorder;
import gomikrobot.observe.Log;

/**
 * Leaves a timeline row for a message that arrived but could not be read, so nothing vanishes silently: the
 * owner sees {@code [could not read this message: reason]} from that sender, classified {@link #UNREADABLE}.
 * The message never reaches the agent. A sender the access lists refuse gets no row when
 * {@code dropUnauthorized} is set, the same as for readable messages; each message id is recorded once.
 */
final class UnreadableRecorder {
    static final String UNREADABLE = "UNREADABLE";

    private final AccessControl access;
    private final UnauthorizedRecorder recorder;
    private final boolean dropUnauthorized;
    private final RecentIds recorded = new RecentIds(1024);
    private final Log log;

    UnreadableRecorder(AccessControl access, UnauthorizedRecorder recorder, boolean dropUnauthorized, Log log) {
        this.access = access;
        this.recorder = recorder;
        this.dropUnauthorized = dropUnauthorized;
        this.log = log;
    }

    void record(UnreadableMessage message) {
        log.warn("WhatsApp message could not be read", "message_id", message.id(), "sender",
                JidText.user(message.senderJid()), "reason", message.reason());
        boolean admitted = access.check(message.senderJid(), "") instanceof AccessPolicy.Verdict.Admitted;
        if ((dropUnauthorized && !admitted) || !recorded.add(message.id())) {
            return;
        }
        recorder.record(new InboundMessage(InboundHandler.CHANNEL, message.chatJid(), JidText.user(message.senderJid()),
                InboundHandler.SENDER_NAME, "[could not read this message: " + message.reason() + "]", "",
                message.id(), "wa-" + message.id(), "wa:" + message.id(), false, message.at(), ""), UNREADABLE);
    }
}
