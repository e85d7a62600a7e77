package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.UnreadableMessage;
import gomikrobot.channels.whatsapp.WaMessage;
import gomikrobot.channels.whatsapp.WaTransport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Everything a transport tells the channel, kept for the test; cobalt calls on threads of its own ({@code Eventually}). */
final class RecordingEvents implements WaTransport.Events {
    final List<WaMessage> messages = new CopyOnWriteArrayList<>();
    final List<UnreadableMessage> unreadable = new CopyOnWriteArrayList<>();
    final List<WaTransport.Ending> endings = new CopyOnWriteArrayList<>();
    final AtomicInteger logins = new AtomicInteger();

    @Override
    public void onMessage(WaMessage message) {
        messages.add(message);
    }

    @Override
    public void onUnreadable(UnreadableMessage message) {
        unreadable.add(message);
    }

    @Override
    public void onLoggedIn() {
        logins.incrementAndGet();
    }

    @Override
    public void onEnded(WaTransport.Ending ending) {
        endings.add(ending);
    }
}
