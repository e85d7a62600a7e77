package gomikrobot.channels.whatsapp;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The narrow seam between the channel and the WhatsApp client library: everything above it is our logic and
 * is tested with a fake; {@code cobalt.CobaltTransport} is the only implementation that talks to WhatsApp.
 */
public interface WaTransport {
    /** Why the connection ended. */
    enum Disconnect {
        /** The socket closed (by the server or the network); the library will not come back by itself. */
        CLOSED,
        /** The library is reconnecting by itself. */
        RECONNECTING,
        /** The phone removed this device, or the session was invalidated: pairing is needed again. */
        LOGGED_OUT,
        /** WhatsApp refused the account. */
        BANNED
    }

    /** Callbacks from the library's threads. */
    interface Events {
        void onMessage(WaMessage message);

        void onLoggedIn();

        void onDisconnected(Disconnect reason);
    }

    /** True when a saved session of a paired device exists; nothing is created when there is none. */
    boolean paired();

    /** Registers the callbacks; called once, before the first {@link #connect}. */
    void listen(Events events);

    /** Opens the connection; the future completes when logged in and fails when the attempt failed. */
    CompletableFuture<Void> connect();

    boolean isConnected();

    /** Closes the connection; no events of a deliberate close are treated as failures by the channel. */
    void disconnect();

    /** User parts of the linked account's own JIDs (phone number and LID), for recognising the self-chat. */
    Set<String> selfUsers();

    /** Sends text; returns the id of the sent message. Fails with IOException on error or timeout. */
    String sendText(String chatJid, String text, Duration timeout) throws IOException, InterruptedException;

    /** Sends an opus voice note; returns the id of the sent message. */
    String sendVoice(String chatJid, byte[] opusAudio, Duration timeout) throws IOException, InterruptedException;
}
