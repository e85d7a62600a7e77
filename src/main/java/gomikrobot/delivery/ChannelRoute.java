package gomikrobot.delivery;

import gomikrobot.bus.OutboundMessage;
import gomikrobot.channels.Channel;
import gomikrobot.channels.PersonText;
import gomikrobot.channels.SendResult;
import gomikrobot.timeline.Task;
import java.util.Locale;

/**
 * Replies on a messaging channel that sends to a chat id (WhatsApp, Telegram): the answer, or a failure told in a
 * sentence; suppressed in silent mode, else sent through the channel. Each attempt is an outbound event
 * {@code <CHANNEL>_OUTBOUND status=<sent|error|suppressed> to=<chat>} ({@code WHATSAPP_OUTBOUND …}).
 */
public final class ChannelRoute implements Route {
    private final Channel channel;
    private final DeliveryLog log;

    public ChannelRoute(Channel channel, DeliveryLog log) {
        this.channel = channel;
        this.log = log;
    }

    @Override
    public Outcome deliver(Task task, boolean silent) {
        String chat = task.chatId();
        OutboundMessage reply = StoredReply.to(channel.name(), chat, task);
        String text = PersonText.of(reply.reply());
        if (silent) {
            log.delivered(task, text, classification("suppressed", chat), "suppressed", chat);
            return new Outcome.Skipped("silent mode");
        }
        return switch (channel.send(reply)) {
            case SendResult.Sent s -> {
                log.delivered(task, text, classification("sent", chat), "sent", chat);
                yield new Outcome.Sent();
            }
            case SendResult.Failed f -> {
                log.delivered(task, text, classification("error", chat), "error", chat);
                yield f.retryable() ? new Outcome.Retry(f.reason()) : new Outcome.Failed(f.reason());
            }
        };
    }

    private String classification(String status, String chat) {
        return channel.name().toUpperCase(Locale.ROOT) + "_OUTBOUND status=" + status + " to=" + chat;
    }
}
