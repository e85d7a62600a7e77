package gomikrobot.channels.whatsapp;

import gomikrobot.channels.whatsapp.cobalt.CobaltMessages;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.Message;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Incoming messages built from cobalt's own model types, translated as the live listener translates them. */
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

    static WaMessage from(String id, String senderJid, Message body, byte[] media) {
        return translate(info(id, senderJid, senderJid, false, MessageContainer.of(body)), media);
    }

    static WaMessage text(String id, String senderJid, String text) {
        return translate(info(id, senderJid, senderJid, false, MessageContainer.of(text)), new byte[0]);
    }

    static WaMessage selfChat(String id, String text) {
        String me = OWNER + "@s.whatsapp.net";
        return translate(info(id, me, me, true, MessageContainer.of(text)), new byte[0]);
    }

    static WaMessage translate(ChatMessageInfo info, byte[] media) {
        return CobaltMessages.toWaMessage(info, ignored -> () -> media, CLOCK);
    }
}
