package gomikrobot.delivery;

import gomikrobot.bus.OutboundMessage;
import gomikrobot.channels.Channel;
import gomikrobot.channels.SendResult;
import gomikrobot.timeline.Task;

/**
 * WhatsApp answers: suppressed in silent mode, else sent through the channel. Each attempt is an outbound
 * event {@code WHATSAPP_OUTBOUND status=<sent|error|suppressed> to=<jid>}.
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
        if (silent) {
            log.delivered(task, classification("suppressed", jid), "suppressed", jid);
            return new Outcome.Skipped("silent mode");
        }
        SendResult result = whatsapp.send(new OutboundMessage("whatsapp", jid, task.deliverableText(), task.traceId(),
                task.taskId(), false));
        return switch (result) {
            case SendResult.Sent s -> {
                log.delivered(task, classification("sent", jid), "sent", jid);
                yield new Outcome.Sent();
            }
            case SendResult.Failed f -> {
                log.delivered(task, classification("error", jid), "error", jid);
                yield f.retryable() ? new Outcome.Retry(f.reason()) : new Outcome.Failed(f.reason());
            }
        };
    }

    static String classification(String status, String jid) {
        return "WHATSAPP_OUTBOUND status=" + status + " to=" + jid;
    }
}
