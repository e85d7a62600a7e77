package gomikrobot.delivery;

import gomikrobot.bus.OutboundMessage;
import gomikrobot.channels.Channel;
import gomikrobot.channels.PersonText;
import gomikrobot.channels.SendResult;
import gomikrobot.timeline.Task;

/**
 * WhatsApp replies (the answer, or a failure told in a sentence): suppressed in silent mode, else sent through the
 * channel. Each attempt is an outbound event {@code WHATSAPP_OUTBOUND status=<sent|error|suppressed> to=<jid>}.
 */
public final class WhatsAppRoute implements Route {
    private final Channel whatsapp;
    private final DeliveryLog log;

    public WhatsAppRoute(Channel whatsapp, DeliveryLog log) {
        this.whatsapp = whatsapp;
        this.log = log;
    }

    @Override
    public Outcome deliver(Task task, boolean silent) {
        String jid = task.chatId();
        OutboundMessage reply = StoredReply.to("whatsapp", jid, task);
        String text = PersonText.of(reply.reply());
        if (silent) {
            log.delivered(task, text, classification("suppressed", jid), "suppressed", jid);
            return new Outcome.Skipped("silent mode");
        }
        return switch (whatsapp.send(reply)) {
            case SendResult.Sent s -> {
                log.delivered(task, text, classification("sent", jid), "sent", jid);
                yield new Outcome.Sent();
            }
            case SendResult.Failed f -> {
                log.delivered(task, text, classification("error", jid), "error", jid);
                yield f.retryable() ? new Outcome.Retry(f.reason()) : new Outcome.Failed(f.reason());
            }
        };
    }

    static String classification(String status, String jid) {
        return "WHATSAPP_OUTBOUND status=" + status + " to=" + jid;
    }
}
