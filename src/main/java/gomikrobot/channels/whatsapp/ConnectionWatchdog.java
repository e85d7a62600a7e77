package gomikrobot.channels.whatsapp;

import gomikrobot.channels.ChannelStatus.State;
import gomikrobot.channels.ChannelStatus;
import gomikrobot.channels.ReconnectSchedule;
import gomikrobot.channels.whatsapp.WaTransport.Ending;
import gomikrobot.observe.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Keeps one WhatsApp connection alive. It alone opens sockets: one attempt at a time, and only while the
 * transport has none (the cobalt transport fences the library's own reconnects off). It notices every way a
 * connection dies: an ending the transport reports (a network error whose reconnect failed, a server
 * failure), a socket that closed without any event ({@link #tick} polls), and a handshake that never ends (the
 * attempt's deadline, after which the client is rebuilt). Each death schedules the next attempt with the
 * {@link ReconnectSchedule}'s backoff; a final ending (logged out, client outdated, replaced) stops it for
 * good. Time only moves through {@link #tick}, which the channel calls every {@link #TICK}.
 */
final class ConnectionWatchdog {
    /** Longer than the kernel's TCP connect timeout (about 127 s on Linux), so a slow connect fails before a rebuild. */
    static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(150);
    static final Duration TICK = Duration.ofSeconds(1);

    /** Where the watchdog stands; exactly one at a time. */
    private sealed interface Phase {
        /** Not trying: not started, closed, or a state only a person can change. */
        record Idle(State state, String detail) implements Phase {
        }

        /** The next attempt, number {@code attempt} since the last login, is due at {@code at}. */
        record Waiting(Instant at, int attempt, String why) implements Phase {
        }

        /** An attempt is under way; it counts as wedged after {@code deadline}. */
        record Attempting(Instant deadline, int attempt) implements Phase {
        }

        record Connected(Instant since) implements Phase {
        }
    }

    private final WaTransport transport;
    private final ReconnectSchedule schedule;
    private final Clock clock;
    private final Log log;
    private Phase phase = new Phase.Idle(State.STOPPED, "");
    private boolean everConnected;

    ConnectionWatchdog(WaTransport transport, ReconnectSchedule schedule, Clock clock, Log log) {
        this.transport = transport;
        this.schedule = schedule;
        this.clock = clock;
        this.log = log;
    }

    /** Starts connecting at once. */
    synchronized void start() {
        phase = new Phase.Waiting(clock.instant(), 0, "starting");
        tick();
    }

    /** Reports a state the watchdog cannot leave by itself (unpaired, session in use); nothing is attempted. */
    synchronized void hold(State state, String detail) {
        phase = new Phase.Idle(state, detail);
    }

    /** Stops trying; a final state (logged out, …) stays as it is so the dashboard keeps saying why. */
    synchronized void stop() {
        if (!(phase instanceof Phase.Idle idle && idle.state().isFinal())) {
            phase = new Phase.Idle(State.STOPPED, "the channel was closed");
        }
    }

    synchronized ChannelStatus status() {
        return switch (phase) {
            case Phase.Idle idle -> ChannelStatus.of(idle.state(), idle.detail());
            case Phase.Waiting w -> new ChannelStatus(state(w.attempt()), w.why() + "; attempt " + (w.attempt() + 1)
                    + " at " + w.at(), w.at());
            case Phase.Attempting a -> ChannelStatus.of(state(a.attempt()), "attempt " + (a.attempt() + 1)
                    + " under way");
            case Phase.Connected c -> ChannelStatus.of(State.CONNECTED, "since " + c.since());
        };
    }

    /** Advances time: starts a due attempt, gives up on a wedged one, notices a socket that closed silently. */
    synchronized void tick() {
        Instant now = clock.instant();
        switch (phase) {
            case Phase.Idle idle -> {
            }
            case Phase.Waiting w -> {
                if (!now.isBefore(w.at())) {
                    attempt(w.attempt());
                }
            }
            case Phase.Attempting a -> {
                if (!now.isBefore(a.deadline())) {
                    log.warn("WhatsApp handshake did not finish; rebuilding the client", "attempt", a.attempt() + 1,
                            "waited_s", LOGIN_TIMEOUT.toSeconds());
                    transport.rebuild();
                    retry(a.attempt() + 1, "the handshake did not finish within " + LOGIN_TIMEOUT.toSeconds() + " s");
                }
            }
            case Phase.Connected c -> {
                if (!transport.isConnected()) {
                    retry(0, "the connection closed without notice");
                }
            }
        }
    }

    /**
     * The transport logged in, on our attempt or on one we had given up as wedged. cobalt reports a login on its
     * own thread after completing the attempt's future, so the report can arrive after that socket has already
     * closed and a tick has begun waiting to reconnect: a login the transport no longer shows is stale.
     */
    synchronized void onLoggedIn() {
        switch (phase) {
            case Phase.Idle idle -> transport.disconnect(); // a late login after we stopped must not stay online
            case Phase.Connected c -> {
            }
            case Phase.Waiting w -> {
                if (transport.isConnected()) {
                    connected();
                }
            }
            case Phase.Attempting a -> connected();
        }
    }

    synchronized void onEnded(Ending ending) {
        switch (ending) {
            case Ending.Dropped dropped -> {
                switch (phase) {
                    case Phase.Connected c -> retry(0, dropped.reason());
                    case Phase.Attempting a -> retry(a.attempt() + 1, dropped.reason());
                    // the reason may come after the drop (cobalt reports them on different threads): keep the time
                    case Phase.Waiting w -> phase = new Phase.Waiting(w.at(), w.attempt(), dropped.reason());
                    case Phase.Idle idle -> {
                    }
                }
            }
            case Ending.LoggedOut out -> finish(State.LOGGED_OUT, "WhatsApp ended this device's session (" + out.reason()
                    + "); run `gomikrobot whatsapp-auth` to pair again");
            case Ending.ClientOutdated outdated -> finish(State.CLIENT_OUTDATED, "WhatsApp refuses this client version"
                    + " (failure 405, client outdated); the session is kept, a newer gomikrobot is needed");
            case Ending.Replaced replaced -> finish(State.REPLACED, "another device took over this WhatsApp session"
                    + " (conflict: replaced); the channel is stopped instead of fighting for it; restart the gateway"
                    + " to take it back");
        }
    }

    // ---- helpers ----

    private void attempt(int attempt) {
        if (transport.isConnected()) {
            connected();
            return;
        }
        Phase.Attempting current = new Phase.Attempting(clock.instant().plus(LOGIN_TIMEOUT), attempt);
        phase = current;
        CompletableFuture<Void> login;
        try {
            login = transport.connect();
        } catch (RuntimeException e) {
            failed(current, e);
            return;
        }
        // may complete at once (on this thread): the phase check makes a late or repeated answer harmless
        login.whenComplete((ok, error) -> {
            synchronized (this) {
                if (phase != current) {
                    return;
                }
                if (error == null) {
                    connected();
                } else {
                    failed(current, error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error);
                }
            }
        });
    }

    private void failed(Phase.Attempting attempt, Throwable error) {
        log.warn("WhatsApp connection attempt failed", "attempt", attempt.attempt() + 1,
                "error", String.valueOf(error.getMessage()));
        retry(attempt.attempt() + 1, "attempt " + (attempt.attempt() + 1) + " failed: " + error.getMessage());
    }

    private void connected() {
        if (!(phase instanceof Phase.Connected)) {
            phase = new Phase.Connected(clock.instant());
            everConnected = true;
            log.info("WhatsApp connected");
        }
    }

    private void retry(int attempt, String why) {
        Duration delay = schedule.delay(attempt);
        phase = new Phase.Waiting(clock.instant().plus(delay), attempt, why);
        log.info("WhatsApp reconnecting", "reason", why, "attempt", attempt + 1, "in_ms", delay.toMillis());
    }

    private void finish(State state, String detail) {
        if (phase instanceof Phase.Idle idle && idle.state().isFinal()) {
            return;
        }
        phase = new Phase.Idle(state, detail);
        log.error(detail);
        transport.disconnect();
    }

    private State state(int attempt) {
        return everConnected || attempt > 0 ? State.RECONNECTING : State.CONNECTING;
    }
}
