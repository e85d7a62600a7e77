package gomikrobot.channels.whatsapp;

import gomikrobot.channels.Channel;
import gomikrobot.channels.ChannelContext;
import gomikrobot.channels.ChannelPlugin;
import gomikrobot.channels.Transcriber;
import gomikrobot.channels.access.AccessSettings;

/** The WhatsApp channel as a plugin: lists in the settings table, refused senders recorded, media in the workspace. */
public final class WhatsAppPlugin implements ChannelPlugin {
    @Override
    public String name() {
        return "whatsapp";
    }

    @Override
    public Channel create(ChannelContext c) {
        return new WhatsAppChannel(c.config().channels().whatsapp(),
                WhatsAppOptions.defaults(c.config().home(), c.config().paths().workspace()), c.inbox(),
                AccessSettings.of(c.settings()), c.refused()::accept, c.provider(),
                Transcriber.choose(c.provider(), c.config().providers().localWhisper()), c.log());
    }
}
