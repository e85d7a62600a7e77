package gomikrobot.channels.telegram;

import gomikrobot.channels.Channel;
import gomikrobot.channels.ChannelContext;
import gomikrobot.channels.ChannelPlugin;
import gomikrobot.config.TelegramConfig;

/**
 * The Telegram channel as a plugin: lists and the poll offset in the settings table, refused senders recorded,
 * media in the workspace. Without a usable token it is a channel that says so in its status and serves nothing,
 * so the gateway runs on.
 */
public final class TelegramPlugin implements ChannelPlugin {
    @Override
    public String name() {
        return UpdateHandler.CHANNEL;
    }

    @Override
    public Channel create(ChannelContext context) {
        TelegramConfig config = context.config().channels().telegram();
        if (!BotApi.isTokenShaped(config.token())) {
            String why = config.hasToken() ? "channels.telegram.token is not shaped like a bot token"
                    : "no bot token is configured";
            context.log().warn("Telegram is enabled but cannot run: " + why + "; run `gomikrobot telegram-setup`");
            return new TokenlessChannel(why + "; run `gomikrobot telegram-setup`");
        }
        return TelegramChannel.wire(context, TelegramChannel.Seams.production());
    }
}
