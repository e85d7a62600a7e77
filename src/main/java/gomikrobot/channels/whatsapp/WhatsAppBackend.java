package gomikrobot.channels.whatsapp;

import gomikrobot.observe.Log;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * The WhatsApp client library behind the channel, found through {@link ServiceLoader}: the jar ships
 * {@code cobalt.CobaltBackend}; a build without cobalt (the JBang script, which cannot resolve it) compiles and
 * runs everything else and says plainly why WhatsApp is unavailable. Only the {@code cobalt} subpackage
 * imports the library.
 */
public interface WhatsAppBackend {
    /** The connection the channel drives, its session stored in {@code sessionDir}. */
    WaTransport transport(Path sessionDir, Log log);

    /** Pairing a new device (QR or code), its session stored in {@code sessionDir}. */
    WhatsAppPairing pairing(Path sessionDir, Log log);

    /** A QR code drawn with characters for a terminal. */
    String qrForTerminal(String content);

    /** A QR code as a PNG file readable only by its owner. */
    void writeQrPng(String content, Path file) throws IOException;

    /** The backend in this build; fails with what to do when there is none. */
    static WhatsAppBackend load() {
        return ServiceLoader.load(WhatsAppBackend.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "WhatsApp is not part of this build (the JBang script leaves out its client library); use the jar"));
    }
}
