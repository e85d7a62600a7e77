package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.observe.Log;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.model.jid.Jid;
import java.nio.file.Path;
import java.util.UUID;

/** A saved session of a paired device, made offline with cobalt's own types, as {@code whatsapp-auth} leaves it. */
public final class PairedSessions {
    /** The linked account: its phone JID (this device is number 7) and its LID. */
    public static final String OWNER = "4911111111";
    public static final String OWNER_LID = "111111111111111";

    private PairedSessions() {
    }

    /** Writes and pins a paired session in {@code sessionDir} ({@code <home>/whatsapp}); returns its id. */
    public static UUID write(Path sessionDir) {
        SessionSerializer serializer = new SessionSerializer(sessionDir, Log.quiet());
        UUID id = UUID.randomUUID();
        Store store = Store.of(id, null, null, ClientType.WEB);
        store.setSerializer(serializer);
        store.setJid(Jid.of(OWNER + ":7@s.whatsapp.net"));
        store.setLid(Jid.of(OWNER_LID + "@lid"));
        Keys keys = Keys.of(id, null, null, ClientType.WEB);
        keys.setSerializer(serializer);
        keys.setRegistered(true);
        serializer.serializeKeys(keys, false);
        serializer.serializeStore(store, false);
        serializer.pin(id);
        return id;
    }
}
