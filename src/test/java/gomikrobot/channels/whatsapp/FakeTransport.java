package gomikrobot.channels.whatsapp;

import gomikrobot.channels.whatsapp.cobalt.SentMessages;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WhatsApp connection that lives in memory: scripted connect results, recorded sends, injected events. A send
 * answers with the next scripted cobalt message (read as the cobalt transport reads it), if any.
 */
final class FakeTransport implements WaTransport {
    record Sent(String chatJid, String text, byte[] voice) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger rebuilds = new AtomicInteger();
    final Deque<Boolean> connectResults = new ArrayDeque<>();
    final Deque<ChatMessageInfo> sendReplies = new ConcurrentLinkedDeque<>();
    volatile boolean paired = true;
    volatile String heldBy;
    volatile RuntimeException openFailure;
    volatile boolean connected;
    volatile boolean failSends;
    volatile Set<String> selfUsers = Set.of("4911111111");
    private volatile Events events;
    private final AtomicInteger ids = new AtomicInteger();

    /** Delivers a message as the library would. */
    void deliver(WaMessage message) {
        events.onMessage(message);
    }

    /** A message the library could not read, as the transport reports it. */
    void deliverUnreadable(UnreadableMessage message) {
        events.onUnreadable(message);
    }

    void end(Ending ending) {
        connected = false;
        events.onEnded(ending);
    }

    @Override
    public Opening open() {
        if (openFailure != null) {
            throw openFailure;
        }
        if (heldBy != null) {
            return new Opening.InUse(heldBy);
        }
        return paired ? new Opening.Ready() : new Opening.Unpaired("not paired: run `gomikrobot whatsapp-auth`");
    }

    @Override
    public void listen(Events listener) {
        this.events = listener;
    }

    @Override
    public CompletableFuture<Void> connect() {
        connects.incrementAndGet();
        Boolean ok = connectResults.pollFirst();
        if (ok != null && !ok) {
            return CompletableFuture.failedFuture(new IOException("connection refused"));
        }
        connected = true;
        events.onLoggedIn();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void rebuild() {
        rebuilds.incrementAndGet();
    }

    @Override
    public void disconnect() {
        connected = false;
    }

    @Override
    public Set<String> selfUsers() {
        return selfUsers;
    }

    @Override
    public String sendText(String chatJid, String text, Duration timeout) throws IOException {
        return record(new Sent(chatJid, text, null));
    }

    @Override
    public String sendVoice(String chatJid, byte[] opusAudio, Duration timeout) throws IOException {
        return record(new Sent(chatJid, null, opusAudio));
    }

    private String record(Sent message) throws IOException {
        if (failSends) {
            throw new IOException("send timed out after 30s");
        }
        ChatMessageInfo reply = sendReplies.poll();
        String id = reply == null ? "SENT" + ids.incrementAndGet() : SentMessages.idOfSent(reply, "send");
        sent.add(message);
        return id;
    }
}
