package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.WaMessage;
import gomikrobot.channels.whatsapp.WaMessage.Content;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ContextInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ContextualMessage;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.standard.AudioMessage;
import it.auties.whatsapp.model.message.standard.DocumentMessage;
import it.auties.whatsapp.model.message.standard.ImageMessage;
import it.auties.whatsapp.model.message.standard.ReactionMessage;
import it.auties.whatsapp.model.message.standard.TextMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Translates cobalt's {@link ChatMessageInfo} into our {@link WaMessage}. Wrappers (ephemeral, view-once,
 * edited, device-sent, document-with-caption) are unboxed first; text and extended text both arrive as
 * {@link TextMessage}. The chat loses a device suffix it may carry (cobalt keeps one when the stanza has no
 * {@code recipient}). Media are not downloaded here: the content describes the attachment ({@link CobaltMedia}).
 */
public final class CobaltMessages {
    private CobaltMessages() {
    }

    public static WaMessage toWaMessage(ChatMessageInfo info, Clock clock) {
        Instant at = info.timestampSeconds().isPresent()
                ? Instant.ofEpochSecond(info.timestampSeconds().getAsLong()) : clock.instant();
        Optional<ContextInfo> context = context(info.message());
        return new WaMessage(info.id() == null ? "" : info.id(), info.chatJid().toSimpleJid().toString(),
                info.senderJid().toSimpleJid().toString(), info.pushName().orElse(""), info.fromMe(), at,
                content(info.message()),
                context.map(c -> c.mentions().stream().map(Jid::toString).toList()).orElse(List.of()),
                context.flatMap(ContextInfo::quotedMessageSenderJid).map(Jid::toString).orElse(""));
    }

    static Content content(MessageContainer container) {
        if (container == null || container.isEmpty()) {
            return new Content.Ignored("empty");
        }
        return switch (container.unbox().content()) {
            case TextMessage text -> new Content.Text(text.text() == null ? "" : text.text());
            case ImageMessage image -> new Content.Image(image.caption().orElse(""), image.mimetype().orElse(""),
                    CobaltMedia.of(image));
            case AudioMessage audio -> new Content.Audio(audio.voiceMessage(), audio.mimetype().orElse(""),
                    CobaltMedia.of(audio));
            case DocumentMessage doc -> new Content.Document(doc.fileName().or(doc::title).orElse(""),
                    doc.caption().orElse(""), doc.mimetype().orElse(""), CobaltMedia.of(doc));
            case ReactionMessage reaction -> new Content.Reaction(reaction.content() == null ? "" : reaction.content());
            case null -> new Content.Ignored("empty");
            default -> new Content.Ignored(container.unbox().content().getClass().getSimpleName());
        };
    }

    /** Mentions and the quoted message's sender, which decide whether a group message is for us. */
    private static Optional<ContextInfo> context(MessageContainer container) {
        if (container == null || container.isEmpty()) {
            return Optional.empty();
        }
        return container.unbox().content() instanceof ContextualMessage<?> contextual
                ? contextual.contextInfo() : Optional.empty();
    }
}
