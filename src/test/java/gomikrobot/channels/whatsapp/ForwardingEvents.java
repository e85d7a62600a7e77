package gomikrobot.channels.whatsapp;

import gomikrobot.channels.whatsapp.WaTransport.Ending;

/** A transport's connection events straight to a watchdog, as the channel forwards them; messages go nowhere. */
record ForwardingEvents(ConnectionWatchdog watchdog) implements WaTransport.Events {
    @Override
    public void onMessage(WaMessage message) {
    }

    @Override
    public void onUnreadable(UnreadableMessage message) {
    }

    @Override
    public void onLoggedIn() {
        watchdog.onLoggedIn();
    }

    @Override
    public void onEnded(Ending ending) {
        watchdog.onEnded(ending);
    }
}
