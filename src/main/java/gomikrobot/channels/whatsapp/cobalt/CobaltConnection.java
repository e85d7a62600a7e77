package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.SessionLock;
import gomikrobot.channels.whatsapp.WaTransport.Ending;
import gomikrobot.channels.whatsapp.WaTransport.Events;
import gomikrobot.channels.whatsapp.WaTransport.Opening;
import gomikrobot.observe.Log;
import it.auties.whatsapp.api.DisconnectReason;
import it.auties.whatsapp.api.ErrorHandler;
import it.auties.whatsapp.api.Listener;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.node.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The connection of the saved session over cobalt 0.0.10, as the gateway holds it: under the {@link SessionLock},
 * opened only when the watchdog asks ({@link #connect}), cobalt's own reconnects fenced off by the
 * {@link ReconnectFence}. It turns what cobalt says, and what it keeps quiet about, into {@link Ending}s: server
 * verdicts read from raw nodes (a confirmed logout also deletes the session), a failed reconnect that only the
 * error handler hears, a close. A client stuck in its handshake is replaced ({@link #rebuild}); whatever a
 * replaced client still does is ignored, and a late login of one is closed at once. Every close saves.
 */
final class CobaltConnection {
    /** How a client opens its socket: {@code Whatsapp::connect}; tests put a simulated server behind it. */
    @FunctionalInterface
    interface Connector {
        CompletableFuture<?> connect(Whatsapp client);
    }

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Path sessionDir;
    private final CobaltSessions sessions;
    private final Connector connector;
    private final Consumer<Throwable> messageErrors;
    private final Log log;
    private SessionLock lock;
    private ReconnectFence fence;
    private volatile Whatsapp client;
    private volatile Events events;
    private volatile CompletableFuture<Void> login = new CompletableFuture<>();
    private volatile String lastVerdict = "";
    private volatile boolean closed;

    CobaltConnection(Path sessionDir, CobaltSessions sessions, Connector connector, Consumer<Throwable> messageErrors,
                     Log log) {
        this.sessionDir = sessionDir.toAbsolutePath();
        this.sessions = sessions;
        this.connector = connector;
        this.messageErrors = messageErrors;
        this.log = log;
    }

    /** Finds the paired session, takes its lock, loads it; nothing is written when there is none. */
    synchronized Opening open() {
        Optional<UUID> id = sessions.pairedSession();
        if (id.isEmpty()) {
            return new Opening.Unpaired("not paired: run `gomikrobot whatsapp-auth`");
        }
        try {
            switch (SessionLock.tryAcquire(sessionDir, "gateway")) {
                case SessionLock.Outcome.Held held -> {
                    return new Opening.InUse(held.holder());
                }
                case SessionLock.Outcome.Acquired acquired -> lock = acquired.lock();
            }
            Optional<Whatsapp> loaded = sessions.client(id.get(), this::onError);
            if (loaded.isEmpty()) {
                release();
                return new Opening.Unpaired("the saved session could not be loaded: run `gomikrobot whatsapp-auth --force`");
            }
            sessions.serializer().tidy(id.get());
            fence = new ReconnectFence();
            client = loaded.get();
            client.store().setProxy(fence.uri());
            return new Opening.Ready();
        } catch (IOException e) {
            release();
            throw new IllegalStateException("cannot open the WhatsApp session in " + sessionDir + ": " + e.getMessage(), e);
        }
    }

    /** Registers the connection's listeners; they live in the session's store, so a rebuilt client keeps them. */
    void listen(Events events) {
        this.events = events;
        Whatsapp current = requireClient();
        current.addLoggedInListener(this::onLoggedIn);
        current.addDisconnectedListener(this::onDisconnected);
        current.addNodeReceivedListener(this::onNode);
    }

    /**
     * Opens a socket unless one is open or opening (cobalt's own rule). The fence is lifted only while cobalt
     * reads the proxy, which it does before {@code connect()} returns.
     */
    synchronized CompletableFuture<Void> connect() {
        Whatsapp current = requireClient();
        CompletableFuture<Void> attempt = new CompletableFuture<>();
        login = attempt;
        // cobalt's connect() adds a login listener each time and never removes it; over days of reconnects
        // they would pile up, each run on its own thread for every event
        Set<Listener> before = new HashSet<>(current.store().listeners());
        CompletableFuture<?> socket;
        current.store().setProxy(null);
        try {
            socket = connector.connect(current);
        } finally {
            current.store().setProxy(fence.uri());
        }
        current.store().listeners().stream().filter(l -> !before.contains(l)).toList().forEach(current::removeListener);
        socket.whenComplete((ignored, error) -> {
            if (error != null) {
                attempt.completeExceptionally(error);
            }
        });
        return attempt;
    }

    /** True once {@link #open} loaded the session (and until the process ends). */
    boolean isOpen() {
        return client != null;
    }

    /** How many reconnects of cobalt's own the fence stopped (0 before {@link #open}). */
    int fenceRefusals() {
        return fence == null ? 0 : fence.refused();
    }

    boolean isConnected() {
        Whatsapp current = client;
        return current != null && current.isConnected();
    }

    synchronized void rebuild() {
        Whatsapp stuck = requireClient();
        client = sessions.rebuild(stuck, this::onError);
        client.store().setProxy(fence.uri());
        log.info("WhatsApp client rebuilt over the same session", "session", stuck.store().uuid());
    }

    /** Closes the socket, saves the session and lets go of it. Idempotent; nothing happens before {@link #open}. */
    synchronized void close() {
        Whatsapp current = client;
        if (current == null || closed) {
            return;
        }
        closed = true;
        try {
            current.disconnect().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("WhatsApp did not close cleanly", "error", String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        save(current);
        try {
            fence.close();
        } catch (IOException e) {
            log.debug("WhatsApp reconnect fence did not close", "error", e);
        }
        release();
    }

    Whatsapp requireClient() {
        Whatsapp current = client;
        if (current == null) {
            throw new IllegalStateException("WhatsApp is not paired");
        }
        return current;
    }

    // ---- cobalt's callbacks ----

    private void onLoggedIn(Whatsapp who) {
        if (who != client) {
            log.warn("A replaced WhatsApp client logged in late; closing it");
            who.disconnect();
            return;
        }
        lastVerdict = "";
        login.complete(null);
        events.onLoggedIn();
    }

    private void onDisconnected(Whatsapp who, DisconnectReason reason) {
        if (who != client || closed) {
            return;
        }
        save(who);
        events.onEnded(new Ending.Dropped(lastVerdict.isEmpty() ? "the connection was closed" : lastVerdict));
    }

    private void onNode(Whatsapp who, Node node) {
        Optional<Ending> verdict = ServerVerdicts.of(node);
        if (verdict.isEmpty() || who != client || closed) {
            return;
        }
        switch (verdict.get()) {
            case Ending.Dropped dropped -> {
                lastVerdict = dropped.reason();
                if (!who.isConnected()) {
                    events.onEnded(dropped); // the drop was reported before its reason arrived
                }
            }
            case Ending.LoggedOut out -> {
                sessions.serializer().confirmLogout(who.store().uuid());
                events.onEnded(out);
            }
            case Ending.ClientOutdated outdated -> events.onEnded(outdated);
            case Ending.Replaced replaced -> events.onEnded(replaced);
        }
    }

    private ErrorHandler.Result onError(Whatsapp who, ErrorHandler.Location location, Throwable error) {
        if (location == ErrorHandler.Location.RECONNECT) {
            // cobalt's own reconnect ran into the fence: the socket is gone and now it is our turn
            if (who == client && !closed && events != null) {
                save(who);
                events.onEnded(new Ending.Dropped(lastVerdict.isEmpty() ? "the connection broke" : lastVerdict));
            }
            return ErrorHandler.Result.DISCARD;
        }
        if (location == ErrorHandler.Location.MESSAGE) {
            messageErrors.accept(error);
        }
        return sessions.onError(location, error);
    }

    private void save(Whatsapp who) {
        try {
            who.keys().serialize(false);
            who.store().serialize(false);
        } catch (RuntimeException e) {
            log.error("WhatsApp session could not be saved", "error", e);
        }
    }

    private void release() {
        if (lock == null) {
            return;
        }
        try {
            lock.close();
        } catch (IOException e) {
            log.debug("WhatsApp session lock release failed", "error", e);
        }
        lock = null;
    }
}
