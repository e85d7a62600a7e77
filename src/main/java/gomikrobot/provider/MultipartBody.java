package gomikrobot.provider;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** A {@code multipart/form-data} body built in memory: a few text fields and one file. */
final class MultipartBody {
    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    MultipartBody(RandomGenerator random) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        this.boundary = "----GoMikroBot" + HexFormat.of().formatHex(nonce);
    }

    MultipartBody field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    MultipartBody file(String name, String fileName, String contentType, byte[] content) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + quoteSafe(fileName) + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] finish() {
        write("--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A file name is the user's (a WhatsApp download); quotes or line breaks in it would break the part header. */
    private static String quoteSafe(String fileName) {
        return fileName.replaceAll("[\"\\\\\\r\\n]", "_");
    }
}
