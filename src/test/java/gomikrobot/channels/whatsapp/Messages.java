package gomikrobot.channels.whatsapp;

import gomikrobot.channels.whatsapp.cobalt.CobaltMessages;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.Message;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.standard.AudioMessage;
import it.auties.whatsapp.model.message.standard.AudioMessageBuilder;
import it.auties.whatsapp.model.message.standard.DocumentMessage;
import it.auties.whatsapp.model.message.standard.DocumentMessageBuilder;
import it.auties.whatsapp.model.message.standard.ImageMessage;
import it.auties.whatsapp.model.message.standard.ImageMessageBuilder;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Incoming messages built from cobalt's own model types, translated as the live listener translates them; media
 * messages carry what a real one carries (media key, address, both hashes, size) for a file encrypted by openssl.
 */
final class Messages {
    static final String OWNER = "4911111111";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private Messages() {
    }

    static ChatMessageInfo info(String id, String chatJid, String senderJid, boolean fromMe, MessageContainer body) {
        var key = new ChatMessageKeyBuilder().id(id).chatJid(Jid.of(chatJid)).fromMe(fromMe)
                .senderJid(Jid.of(senderJid)).build();
        return new ChatMessageInfoBuilder().key(key).message(body).timestampSeconds(1_767_323_045L)
                .senderJid(Jid.of(senderJid)).pushName("Someone").build();
    }

    static WaMessage from(String id, String senderJid, Message body) {
        return translate(info(id, senderJid, senderJid, false, MessageContainer.of(body)));
    }

    static WaMessage text(String id, String senderJid, String text) {
        return translate(info(id, senderJid, senderJid, false, MessageContainer.of(text)));
    }

    static WaMessage selfChat(String id, String text) {
        String me = OWNER + "@s.whatsapp.net";
        return translate(info(id, me, me, true, MessageContainer.of(text)));
    }

    static WaMessage translate(ChatMessageInfo info) {
        return CobaltMessages.toWaMessage(info, CLOCK);
    }

    static ImageMessage image(OpensslMedia.Encrypted file, URI url, String caption) {
        return new ImageMessageBuilder().caption(caption).mimetype("image/jpeg").mediaUrl(url.toString())
                .mediaKey(file.mediaKey()).mediaEncryptedSha256(file.fileEncSha256()).mediaSha256(file.fileSha256())
                .mediaSize((long) file.plain().length).build();
    }

    static AudioMessage voice(OpensslMedia.Encrypted file, URI url) {
        return new AudioMessageBuilder().voiceMessage(true).mimetype("audio/ogg; codecs=opus").mediaUrl(url.toString())
                .mediaKey(file.mediaKey()).mediaEncryptedSha256(file.fileEncSha256()).mediaSha256(file.fileSha256())
                .mediaSize((long) file.plain().length).build();
    }

    static DocumentMessage document(OpensslMedia.Encrypted file, URI url, String fileName, String mimeType) {
        return new DocumentMessageBuilder().fileName(fileName).mimetype(mimeType).mediaUrl(url.toString())
                .mediaKey(file.mediaKey()).mediaEncryptedSha256(file.fileEncSha256()).mediaSha256(file.fileSha256())
                .mediaSize((long) file.plain().length).build();
    }
}
