package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.UnreadableMessage;
import gomikrobot.channels.whatsapp.WaMessage;
import gomikrobot.channels.whatsapp.WaTransport.Events;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.node.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Every incoming message on its way to the channel: the ones cobalt decodes, and the LID one-to-one messages it
 * drops ({@link LidInbound}); senders named by LID are readdressed to their phone JID ({@link LidSenders}). cobalt
 * hands a message it could not decrypt to its listeners as an empty one, and the reason only to the error
 * handler: such a message becomes an {@link UnreadableMessage} carrying the last decryption error, never a
 * silent drop.
 */
final class CobaltInbound {
    /** How long a decryption error may precede the empty message it explains. */
    private static final Duration ERROR_MATCH = Duration.ofSeconds(5);

    private record Failure(String reason, Instant at) {
    }

    private final Function<ChatMessageInfo, WaMessage> translate;
    private final Clock clock;
    private final LidSenders lids = new LidSenders();
    private final AtomicReference<Failure> lastFailure = new AtomicReference<>();

    /** @param translate cobalt's message in our terms ({@link CobaltMessages#toWaMessage}) */
    CobaltInbound(Function<ChatMessageInfo, WaMessage> translate, Clock clock) {
        this.translate = translate;
        this.clock = clock;
    }

    void listen(Whatsapp client, Events events) {
        LidInbound lidInbound = new LidInbound(info -> deliver(info, events), events::onUnreadable);
        client.addNodeReceivedListener((Whatsapp who, Node node) -> {
            lids.onNode(node);
            lidInbound.onNode(who, node);
        });
        client.addNewChatMessageListener((ChatMessageInfo info) -> deliver(info, events));
    }

    /** The error handler's view of a message cobalt failed to decrypt: the reason the next empty message gets. */
    void onMessageError(Throwable error) {
        lastFailure.set(new Failure(String.valueOf(error.getMessage()), clock.instant()));
    }

    private void deliver(ChatMessageInfo info, Events events) {
        WaMessage message = lids.readdress(info, translate.apply(info));
        if (info.fromMe() || !info.message().isEmpty()) {
            events.onMessage(message);
        } else {
            events.onUnreadable(new UnreadableMessage(message.id(), message.chatJid(), message.senderJid(),
                    message.at(), reason()));
        }
    }

    private String reason() {
        Failure failure = lastFailure.get();
        if (failure != null && failure.at().isAfter(clock.instant().minus(ERROR_MATCH))) {
            return "it could not be decrypted (" + failure.reason() + ")";
        }
        return "it arrived empty: not decrypted, or not shared with linked devices";
    }
}
