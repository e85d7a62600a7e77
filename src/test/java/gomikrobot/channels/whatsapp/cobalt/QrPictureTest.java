package gomikrobot.channels.whatsapp.cobalt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QrPictureTest {
    private static final String CONTENT = "2@abc,def,ghi,1";

    @TempDir
    Path dir;

    @Test
    void pngIsPrivateAndDecodesToTheContent() throws Exception {
        Path file = dir.resolve("home").resolve("whatsapp-qr.png");

        QrPicture.writePng(CONTENT, file);

        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "not a readable image");
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        assertEquals(CONTENT, new QRCodeReader().decode(bitmap).getText());
    }

    @Test
    void terminalDrawingIsBlockCharactersOnSeveralLines() {
        String drawing = QrPicture.terminal(CONTENT);

        assertTrue(drawing.lines().count() > 10, drawing);
        assertTrue(drawing.chars().anyMatch(c -> c == '\u2588' || c == '\u2580' || c == '\u2584'), drawing);
    }
}
