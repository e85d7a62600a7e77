package gomikrobot.channels.whatsapp;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The narrow seam between the channel and the WhatsApp client library: everything above it is our logic and
 * is tested with a fake; {@code cobalt.CobaltTransport} is the only implementation that talks to WhatsApp.
 * The transport never reconnects by itself: {@link ConnectionWatchdog} decides when to call {@link #connect}.
 */
public interface WaTransport {
    /** What opening the saved session found. */
    sealed interface Opening {
        /** A linked device's session, now held by this process. */
        record Ready() implements Opening {
        }

        /** Nothing to connect with; {@code why} says what to do. */
        record Unpaired(String why) implements Opening {
        }

        /** Another process (a second gateway on the same home) holds the session; {@code holder} names it. */
        record InUse(String holder) implements Opening {
        }
    }

    /** How a connection ended, as far as the server or the library said. */
    sealed interface Ending {
        /** The socket is gone (server close, network error, a temporary refusal): reconnecting helps. */
        record Dropped(String reason) implements Ending {
        }

        /** The phone removed this device or WhatsApp ended the session; the saved session is deleted. */
        record LoggedOut(String reason) implements Ending {
        }

        /** WhatsApp refuses this client version (failure 405); the session is kept. */
        record ClientOutdated() implements Ending {
        }

        /** Another connection of this device took over (conflict type=replaced); the session is kept. */
        record Replaced() implements Ending {
        }
    }

    /** Callbacks from the library's threads. */
    interface Events {
        void onMessage(WaMessage message);

        /** A message arrived but could not be decrypted or decoded; it must not vanish without a trace. */
        void onUnreadable(UnreadableMessage message);

        void onLoggedIn();

        void onEnded(Ending ending);
    }

    /** Looks for the saved session and, if there is one, takes it for this process; creates nothing otherwise. */
    Opening open();

    /** Registers the callbacks; called once, after {@link #open} returned {@link Opening.Ready}, before {@link #connect}. */
    void listen(Events events);

    /**
     * Opens one socket unless one is open or opening. The future completes when logged in and fails when the
     * socket could not be opened; a handshake that never ends leaves it pending, so the caller bounds the wait.
     */
    CompletableFuture<Void> connect();

    boolean isConnected();

    /** Replaces a client stuck in its handshake (its {@link #connect} does nothing) by a fresh one over the same session. */
    void rebuild();

    /** Closes the connection and saves the session; no reconnect follows. */
    void disconnect();

    /** The linked account's own ids as {@link JidText#user} writes them (number and {@code …@lid}): the self-chat's. */
    Set<String> selfUsers();

    /** Sends text; returns the id of the sent message. Fails with IOException on error or timeout. */
    String sendText(String chatJid, String text, Duration timeout) throws IOException, InterruptedException;

    /** Sends an opus voice note; returns the id of the sent message. */
    String sendVoice(String chatJid, byte[] opusAudio, Duration timeout) throws IOException, InterruptedException;
}
