package gomikrobot.channels;

import gomikrobot.bus.OutboundMessage;
import java.util.Optional;

/**
 * A messaging channel the agent answers through (WhatsApp; the CLI, local API and web UI answer in-line and
 * need none). {@link #start()} returns at once; connecting happens in the background and is visible in
 * {@link #status()}. {@link #send} blocks until the message is handed over or fails; it sends the reply as a
 * person reads it ({@link PersonText}). The delivery worker owns retries, backoff and silent mode.
 */
public interface Channel extends AutoCloseable {
    String name();

    void start();

    SendResult send(OutboundMessage message);

    ChannelStatus status();

    /**
     * The chat in which the owner talks to the agent on this channel (WhatsApp's self-chat once paired), where
     * questions for the owner go, such as approvals; empty when there is none (yet).
     */
    default Optional<String> ownerChat() {
        return Optional.empty();
    }

    @Override
    void close();
}
