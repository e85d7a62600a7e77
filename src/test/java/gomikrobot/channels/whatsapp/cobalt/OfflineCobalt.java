package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.WaTransport;
import gomikrobot.observe.Log;
import gomikrobot.testing.Eventually;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.socket.SocketState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The real {@link CobaltTransport} over a paired session, whose sockets open onto {@link FakeSocket}s instead of
 * WhatsApp: for tests of the channel's connection life against cobalt's own objects (outside this package too).
 * It counts sockets and records any socket opened while another was still alive; the deaths it reproduces are
 * cobalt's (CloseProbe, WedgeProbe): a server close, a network error (cobalt's own reconnect then runs into the
 * fence), a socket that dies during the handshake.
 */
public final class OfflineCobalt {
    /** What the simulated server does with the next socket. */
    public enum Answer { LOGIN, SILENCE }

    private final CobaltTransport transport;
    private final UUID session;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<FakeSocket> sockets = new ArrayList<>();
    private final List<FakeSocket> closed = new ArrayList<>();
    private int overlaps;

    private OfflineCobalt(Path sessionDir, Log log, UUID session) {
        this.session = session;
        this.transport = new CobaltTransport(sessionDir, log, this::connect);
    }

    /** A paired session in {@code sessionDir} and the transport over it (not opened yet). */
    public static OfflineCobalt paired(Path sessionDir, Log log) {
        return new OfflineCobalt(sessionDir, log, PairedSessions.write(sessionDir));
    }

    /** Another transport over the session {@code first} made: a second gateway on the same home. */
    public static OfflineCobalt sameSessionAs(OfflineCobalt first, Path sessionDir, Log log) {
        return new OfflineCobalt(sessionDir, log, first.session);
    }

    public WaTransport transport() {
        return transport;
    }

    /** Opens the session, connects and waits for the login; the events are recorded. */
    RecordingEvents loggedIn() throws InterruptedException {
        RecordingEvents events = new RecordingEvents();
        if (!(transport.open() instanceof WaTransport.Opening.Ready)) {
            throw new IllegalStateException("the session did not open");
        }
        transport.listen(events);
        transport.connect();
        Eventually.await(() -> events.logins.get() == 1, "login");
        return events;
    }

    public synchronized void answerNextWith(Answer answer) {
        answers.add(answer);
    }

    /** Sockets opened so far. */
    public synchronized int socketsOpened() {
        return sockets.size();
    }

    /** How often a socket was opened while an earlier one was still alive: must stay 0. */
    public synchronized int overlaps() {
        return overlaps;
    }

    /** The server closes the current socket while connected (no event reaches any listener). */
    public synchronized void serverClose() {
        closed.add(current());
        current().handler.onClose();
    }

    /** A network error on the current socket: cobalt reconnects by itself, into the fence. */
    public synchronized void networkError() {
        closed.add(current());
        current().handler.onError(new IOException("connection reset by peer"));
    }

    /** The current socket, still in its handshake, closes and errors: cobalt stays in HANDSHAKING for good. */
    public synchronized void dieInHandshake() {
        FakeSocket socket = current();
        if (socket.state() != SocketState.HANDSHAKING) {
            throw new IllegalStateException("not in a handshake: " + socket.state());
        }
        socket.handler.onClose();
        socket.handler.onError(new IOException("connection reset during the handshake"));
        closed.add(socket);
    }

    public synchronized SocketState state() {
        return current().state();
    }

    /** A node from the server, on the current socket. */
    public synchronized void deliver(Node node) {
        current().deliver(node);
    }

    /** Starts recording what cobalt writes on the current socket; call it once logged in (see {@link FakeSocket#recordSent}). */
    public synchronized void recordSent() {
        current().recordSent();
    }

    /** The first recorded node cobalt wrote that matches, waiting up to {@code timeout}; null if none. */
    public Node awaitSent(Predicate<Node> wanted, Duration timeout) throws InterruptedException {
        FakeSocket socket;
        synchronized (this) {
            socket = current();
        }
        return socket.awaitSent(wanted, timeout);
    }

    /** How many of cobalt's own reconnects the fence refused. */
    public int fenceRefusals() {
        return transport.connection().fenceRefusals();
    }

    private synchronized CompletableFuture<?> connect(Whatsapp client) {
        if (FakeSocket.stateOf(client) != SocketState.DISCONNECTED) {
            return client.connect(); // cobalt itself opens nothing then: its login future just never completes
        }
        // alive: not closed by the server and its client not disconnected (by us)
        if (sockets.stream().anyMatch(s -> !closed.contains(s) && s.state() != SocketState.DISCONNECTED)) {
            overlaps++;
        }
        FakeSocket socket = FakeSocket.open(client);
        sockets.add(socket);
        if (answers.isEmpty() || answers.poll() == Answer.LOGIN) {
            socket.login();
        } else {
            socket.state(SocketState.HANDSHAKING);
        }
        return new CompletableFuture<>(); // like cobalt's connect() once we dropped its leaked login listener
    }

    /** The client the transport uses now (a rebuild replaces it). */
    Whatsapp client() {
        return transport.connection().requireClient();
    }

    /** The paired session's id. */
    UUID session() {
        return session;
    }

    /** The socket opened last: what the server sends arrives through it. */
    synchronized FakeSocket socket() {
        return current();
    }

    private FakeSocket current() {
        return sockets.getLast();
    }
}
