package gomikrobot.channels.telegram;

import gomikrobot.bus.OutboundMessage;
import gomikrobot.channels.Channel;
import gomikrobot.channels.ChannelStatus;
import gomikrobot.channels.ChannelStatus.State;
import gomikrobot.channels.SendResult;

/** Telegram enabled without a usable token: it polls nothing, sends nothing, and its status says what to do. */
final class TokenlessChannel implements Channel {
    private final String why;

    TokenlessChannel(String why) {
        this.why = why;
    }

    @Override
    public String name() {
        return UpdateHandler.CHANNEL;
    }

    @Override
    public void start() {
        // nothing to start: without a token there is no bot to poll
    }

    @Override
    public SendResult send(OutboundMessage message) {
        return new SendResult.Failed("Telegram cannot send: " + why, false);
    }

    @Override
    public ChannelStatus status() {
        return ChannelStatus.of(State.TOKEN_REFUSED, why);
    }

    @Override
    public void close() {
        // nothing was started
    }
}
