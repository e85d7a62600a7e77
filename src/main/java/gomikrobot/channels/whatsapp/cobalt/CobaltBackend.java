package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.WaTransport;
import gomikrobot.channels.whatsapp.WhatsAppBackend;
import gomikrobot.channels.whatsapp.WhatsAppPairing;
import gomikrobot.observe.Log;
import java.io.IOException;
import java.nio.file.Path;

/** cobalt 0.0.10 as the WhatsApp backend (registered in {@code META-INF/services}). */
public final class CobaltBackend implements WhatsAppBackend {
    @Override
    public WaTransport transport(Path sessionDir, Log log) {
        return new CobaltTransport(sessionDir, log);
    }

    @Override
    public WhatsAppPairing pairing(Path sessionDir, Log log) {
        return new CobaltPairing(sessionDir, log);
    }

    @Override
    public String qrForTerminal(String content) {
        return QrPicture.terminal(content);
    }

    @Override
    public void writeQrPng(String content, Path file) throws IOException {
        QrPicture.writePng(content, file);
    }
}
