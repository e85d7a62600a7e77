package gomikrobot.gateway;

import gomikrobot.bus.OutboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.channels.Channel;
import gomikrobot.channels.SendResult;
import java.util.Optional;

/**
 * Forwards a web user's input to their linked WhatsApp chat through the WhatsApp channel: suppressed in silent
 * mode unless the user forces sending; otherwise sent at once (the channel paces and times out its sends). With
 * WhatsApp disabled nothing can be sent, which is an {@code error}, not a silent drop.
 */
final class ChannelForwarder implements WhatsAppForwarder {
    private final Optional<Channel> whatsapp;

    ChannelForwarder(Optional<Channel> whatsapp) {
        this.whatsapp = whatsapp;
    }

    @Override
    public String forward(String jid, String text, boolean forceSend, boolean silent, String traceId) {
        if (silent && !forceSend) {
            return SUPPRESSED;
        }
        if (whatsapp.isEmpty()) {
            return ERROR;
        }
        SendResult result = whatsapp.get().send(new OutboundMessage("whatsapp", jid, traceId, "", new Reply.Answer(text)));
        return result instanceof SendResult.Sent ? SENT : ERROR;
    }
}
