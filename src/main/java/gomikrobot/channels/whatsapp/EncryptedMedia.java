package gomikrobot.channels.whatsapp;

import java.net.URI;
import java.util.Objects;

/**
 * An attachment as WhatsApp stores it: AES-256-CBC ciphertext followed by a 10-byte MAC, at {@code url}. The keys
 * are the ones the message's media key expands to; the two SHA-256 sums (of the downloaded body and of the
 * plaintext) are checked when the message carries them (empty when it does not); {@code declaredSize} is the
 * plaintext size the sender announced, or -1.
 */
public record EncryptedMedia(URI url, byte[] iv, byte[] cipherKey, byte[] macKey, byte[] fileEncSha256,
                             byte[] fileSha256, long declaredSize) implements Attachment {
    static final int MAC_LENGTH = 10;
    static final int BLOCK = 16;

    public EncryptedMedia {
        Objects.requireNonNull(url, "url");
        requireLength("iv", iv, BLOCK);
        requireLength("cipher key", cipherKey, 32);
        requireLength("MAC key", macKey, 32);
        fileEncSha256 = optionalHash("fileEncSha256", fileEncSha256);
        fileSha256 = optionalHash("fileSha256", fileSha256);
    }

    /** The body's size for a plaintext of {@code declaredSize} bytes (PKCS#7 always pads), or -1 when unknown. */
    long expectedBodySize() {
        return declaredSize < 0 ? -1 : (declaredSize / BLOCK + 1) * BLOCK + MAC_LENGTH;
    }

    @Override
    public String toString() {
        return "EncryptedMedia[" + url.getHost() + ", " + declaredSize + " bytes]"; // never the keys
    }

    private static void requireLength(String what, byte[] value, int length) {
        if (value == null || value.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes");
        }
    }

    private static byte[] optionalHash(String what, byte[] value) {
        if (value == null || value.length == 0) {
            return new byte[0];
        }
        requireLength(what, value, 32);
        return value.clone();
    }
}
