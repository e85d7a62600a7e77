package gomikrobot.channels.whatsapp;

import gomikrobot.observe.Log;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Linking this program to a WhatsApp account as a companion device, the way {@code gomikrobot whatsapp-auth}
 * needs it: is a session already saved, and one pairing attempt by QR code or by pairing code. The seam keeps
 * the command's timing and messages testable without WhatsApp; {@link #cobalt} is the real one.
 */
public interface WhatsAppPairing {
    /** How the phone confirms the link. */
    sealed interface Method {
        /** The phone scans a QR code; the codes given to the callback are QR contents, refreshed about every 20 s. */
        record Qr() implements Method {
        }

        /** The phone types an 8-character code; the callback gets that code. */
        record PhoneCode(long phoneNumber) implements Method {
            public PhoneCode {
                if (phoneNumber <= 0) {
                    throw new IllegalArgumentException("phone number must be positive: " + phoneNumber);
                }
            }
        }
    }

    /** One pairing attempt in progress. */
    interface Attempt {
        /**
         * Completes with the linked account's JID when the phone confirmed; fails with the library's error when
         * the connection could not be made or broke.
         */
        CompletableFuture<String> linked();

        /** Closes the connection and makes the new session the only saved one. */
        void keep();

        /** Closes the connection and deletes the half-made session, so no stale session is left. */
        void abandon();
    }

    /** The JID of the account a saved session is linked to; empty when there is none. Creates nothing. */
    Optional<String> pairedAccount();

    /**
     * Starts connecting in the background and returns at once. {@code onCode} is called from the library's
     * thread with each QR content or pairing code as it arrives.
     */
    Attempt begin(Method method, Consumer<String> onCode);

    /** The build's backend with its sessions in {@code sessionDir} ({@code <home>/whatsapp}); errors go to {@code log}. */
    static WhatsAppPairing cobalt(Path sessionDir, Log log) {
        return WhatsAppBackend.load().pairing(sessionDir, log);
    }
}
