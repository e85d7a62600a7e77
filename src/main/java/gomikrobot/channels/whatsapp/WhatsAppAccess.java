package gomikrobot.channels.whatsapp;

import gomikrobot.channels.access.AccessControl;
import gomikrobot.channels.access.AccessLists;
import gomikrobot.channels.access.AccessSettings;
import gomikrobot.channels.access.ChannelAccess;
import java.util.List;

/**
 * WhatsApp's access model: the {@code whatsapp_*} settings rows, people compared by JID user part
 * ({@link JidText#user}: a bare number and a full JID match each other, a LID only a LID), and what the owner
 * types checked by {@link WhatsAppIds#user}.
 */
public final class WhatsAppAccess {
    public static final ChannelAccess RULES = new ChannelAccess(InboundHandler.CHANNEL, JidText::user,
            WhatsAppIds::user);

    private WhatsAppAccess() {
    }

    /** The owner's view of the lists: {@code whatsapp-auth --list/--approve/--deny}, the setup's pairing token. */
    public static AccessLists lists(AccessSettings settings) {
        return new AccessLists(settings, RULES);
    }

    static AccessControl control(AccessSettings settings, List<String> allowFrom) {
        return new AccessControl(settings, RULES, allowFrom);
    }
}
