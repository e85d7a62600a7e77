package gomikrobot.channels.whatsapp.cobalt;

import com.google.zxing.client.j2se.MatrixToImageWriter;
import gomikrobot.config.ConfigFile;
import gomikrobot.files.AtomicFile;
import it.auties.qr.QrTerminal;
import it.auties.whatsapp.api.QrHandler;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A pairing QR code drawn for a person: as block characters for the terminal, and as a PNG file readable only
 * by its owner (whoever scans it links a device to the account, so other users of the machine must not).
 */
public final class QrPicture {
    private static final int TERMINAL_SIZE = 10;
    private static final int PNG_SIZE = 400;
    private static final int PNG_MARGIN = 4;

    private QrPicture() {
    }

    /** The code as lines of block characters (two modules per character row). */
    public static String terminal(String content) {
        return QrTerminal.toString(QrHandler.createMatrix(content, TERMINAL_SIZE, 0), true);
    }

    /** Writes the code as a PNG, mode 0600, replacing the file atomically; creates its directory (0700). */
    public static void writePng(String content, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        ConfigFile.ensurePrivateDirectory(dir);
        AtomicFile.replace(file, out -> MatrixToImageWriter.writeToStream(
                QrHandler.createMatrix(content, PNG_SIZE, PNG_MARGIN), "PNG", out));
    }
}
