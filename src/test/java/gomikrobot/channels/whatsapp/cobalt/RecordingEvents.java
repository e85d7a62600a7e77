package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.UnreadableMessage;
import gomikrobot.channels.whatsapp.WaMessage;
import gomikrobot.channels.whatsapp.WaTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Everything a transport tells the channel, kept for the test; cobalt calls on its own threads, so tests wait boundedly. */
final class RecordingEvents implements WaTransport.Events {
    static final Duration WAIT = Duration.ofSeconds(10);

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

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
    }
}
