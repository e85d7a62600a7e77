package gomikrobot.channels.whatsapp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A transport that dies the ways cobalt 0.0.10 dies (CloseProbe, WedgeProbe, RebuildWorkaroundProbe), counting
 * sockets. Its client has cobalt's three states: {@link #connect} opens a socket only from DISCONNECTED and
 * otherwise does nothing (the login never comes); a server close drops to DISCONNECTED without any event; a
 * network error makes the library reconnect by itself, which the fence fails at once, so only the
 * {@code RECONNECT} ending is heard; a socket that dies during the handshake leaves the client HANDSHAKING for
 * good, until {@link #rebuild} gives a fresh client. {@link #maxOpen} is the most sockets ever open together.
 */
final class DyingTransport implements WaTransport {
    enum State { DISCONNECTED, HANDSHAKING, CONNECTED }

    /** What the server does with the next socket. */
    enum Answer { LOGIN, REFUSE, SILENCE }

    final Deque<Answer> answers = new ArrayDeque<>();
    int sockets;
    int open;
    int maxOpen;
    int rebuilds;
    int disconnects;
    private State state = State.DISCONNECTED;
    private Events events;

    // ---- the deaths ----

    /** The server closes the socket while connected: cobalt goes DISCONNECTED and tells no listener. */
    synchronized void serverClose() {
        closeSocket();
        state = State.DISCONNECTED;
    }

    /** A network error while connected: cobalt reconnects by itself, the fence refuses it, only RECONNECT is heard. */
    void networkError() {
        synchronized (this) {
            closeSocket();
            state = State.DISCONNECTED;
        }
        events.onEnded(new Ending.Dropped("the connection broke"));
    }

    /** The socket dies during the handshake: cobalt's close and error handlers both need CONNECTED, so it stays HANDSHAKING. */
    synchronized void dieInHandshake() {
        if (state != State.HANDSHAKING) {
            throw new IllegalStateException("not handshaking: " + state);
        }
        closeSocket();
    }

    synchronized State state() {
        return state;
    }

    // ---- WaTransport ----

    @Override
    public Opening open() {
        return new Opening.Ready();
    }

    @Override
    public void listen(Events listener) {
        this.events = listener;
    }

    @Override
    public CompletableFuture<Void> connect() {
        Answer answer;
        CompletableFuture<Void> login = new CompletableFuture<>();
        synchronized (this) {
            if (state != State.DISCONNECTED) {
                return login; // cobalt: no new socket, and the login it waits for never comes
            }
            answer = answers.isEmpty() ? Answer.LOGIN : answers.poll();
            if (answer == Answer.REFUSE) {
                return CompletableFuture.failedFuture(new IOException("connection refused"));
            }
            sockets++;
            open++;
            maxOpen = Math.max(maxOpen, open);
            state = State.HANDSHAKING;
            if (answer == Answer.SILENCE) {
                return login;
            }
            state = State.CONNECTED;
        }
        events.onLoggedIn();
        login.complete(null);
        return login;
    }

    @Override
    public synchronized boolean isConnected() {
        return state == State.CONNECTED;
    }

    @Override
    public synchronized void rebuild() {
        rebuilds++;
        state = State.DISCONNECTED; // a fresh client; the stuck one's socket is already gone
    }

    @Override
    public synchronized void disconnect() {
        disconnects++;
        if (state == State.CONNECTED) {
            closeSocket();
            state = State.DISCONNECTED;
        }
    }

    @Override
    public Set<String> selfUsers() {
        return Set.of("4911111111");
    }

    @Override
    public String sendText(String chatJid, String text, Duration timeout) throws IOException {
        throw new IOException("this transport only dies");
    }

    @Override
    public String sendVoice(String chatJid, byte[] opusAudio, Duration timeout) throws IOException {
        throw new IOException("this transport only dies");
    }

    private void closeSocket() {
        if (open == 0) {
            throw new IllegalStateException("no socket to close");
        }
        open--;
    }
}
