package gomikrobot.approval;

import gomikrobot.bus.OutboundMessage;
import gomikrobot.channels.Channel;
import gomikrobot.channels.SendResult;
import gomikrobot.observe.Log;
import java.util.Optional;

/**
 * A messaging channel as an {@link OwnerChannel}: questions go to the channel's owner chat
 * ({@link Channel#ownerChat()}, WhatsApp's self-chat), sent at once and outside silent mode (they are for the
 * owner, not answers to other people); a channel that does not know its owner chat yet, or cannot send now,
 * is skipped (the dashboard still shows every request).
 */
public final class ChannelOwner implements OwnerChannel {
    private final Channel channel;
    private final Log log;

    public ChannelOwner(Channel channel, Log log) {
        this.channel = channel;
        this.log = log;
    }

    @Override
    public String name() {
        return channel.name();
    }

    @Override
    public boolean tell(String text) {
        Optional<String> chat = channel.ownerChat();
        if (chat.isEmpty()) {
            log.debug("No owner chat to tell", "channel", channel.name());
            return false;
        }
        return switch (channel.send(OutboundMessage.text(channel.name(), chat.get(), text))) {
            case SendResult.Sent sent -> true;
            case SendResult.Failed failed -> {
                log.warn("Could not tell the owner", "channel", channel.name(), "error", failed.reason());
                yield false;
            }
        };
    }
}
