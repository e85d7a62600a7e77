package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.WaMessage;
import gomikrobot.channels.whatsapp.WaMessage.Content;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.standard.AudioMessage;
import it.auties.whatsapp.model.message.standard.DocumentMessage;
import it.auties.whatsapp.model.message.standard.ImageMessage;
import it.auties.whatsapp.model.message.standard.ReactionMessage;
import it.auties.whatsapp.model.message.standard.TextMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * Translates cobalt's {@link ChatMessageInfo} into our {@link WaMessage}. Wrappers (ephemeral, view-once,
 * edited, device-sent, document-with-caption) are unboxed first; text and extended text both arrive as
 * {@link TextMessage}. Media are not downloaded here: the content carries a {@link WaMessage.MediaSource}
 * from {@code downloader}.
 */
public final class CobaltMessages {
    private CobaltMessages() {
    }

    public static WaMessage toWaMessage(ChatMessageInfo info, Function<ChatMessageInfo, WaMessage.MediaSource> downloader,
                                 Clock clock) {
        Instant at = info.timestampSeconds().isPresent()
                ? Instant.ofEpochSecond(info.timestampSeconds().getAsLong()) : clock.instant();
        WaMessage.MediaSource media = downloader.apply(info);
        return new WaMessage(info.id() == null ? "" : info.id(), info.chatJid().toString(),
                info.senderJid().toSimpleJid().toString(), info.pushName().orElse(""), info.fromMe(), at,
                content(info.message(), media));
    }

    static Content content(MessageContainer container, WaMessage.MediaSource media) {
        if (container == null || container.isEmpty()) {
            return new Content.Ignored("empty");
        }
        return switch (container.unbox().content()) {
            case TextMessage text -> new Content.Text(text.text() == null ? "" : text.text());
            case ImageMessage image -> new Content.Image(image.caption().orElse(""), image.mimetype().orElse(""), media);
            case AudioMessage audio -> new Content.Audio(audio.voiceMessage(), audio.mimetype().orElse(""), media);
            case DocumentMessage doc -> new Content.Document(doc.fileName().or(doc::title).orElse(""),
                    doc.caption().orElse(""), doc.mimetype().orElse(""), media);
            case ReactionMessage reaction -> new Content.Reaction(reaction.content() == null ? "" : reaction.content());
            case null -> new Content.Ignored("empty");
            default -> new Content.Ignored(container.unbox().content().getClass().getSimpleName());
        };
    }
}
