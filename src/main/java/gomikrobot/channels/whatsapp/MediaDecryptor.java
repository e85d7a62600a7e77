package gomikrobot.channels.whatsapp;

import gomikrobot.media.MediaFailure;
import gomikrobot.media.SizeCap;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks and decrypts one WhatsApp media body in a single pass as it streams past, never holding more than one
 * buffer: the body is AES-256-CBC ciphertext followed by a MAC, the first 10 bytes of
 * HMAC-SHA256(macKey, iv || ciphertext); the body's SHA-256 must equal {@code fileEncSha256} and the plaintext's
 * {@code fileSha256}. What it writes is untrusted until {@link #decrypt} returns: the caller writes to a temp file
 * and keeps it only then.
 */
final class MediaDecryptor {
    private static final int BUFFER = 64 * 1024;

    private final EncryptedMedia media;
    private final SizeCap cap;
    private final Cipher cipher;
    private final Mac mac;
    private final MessageDigest bodyHash;
    private final MessageDigest plainHash;
    private long bodyBytes;
    private long plainBytes;

    private MediaDecryptor(EncryptedMedia media, SizeCap cap) throws GeneralSecurityException {
        this.media = media;
        this.cap = cap;
        this.cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(media.cipherKey(), "AES"), new IvParameterSpec(media.iv()));
        this.mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(media.macKey(), "HmacSHA256"));
        mac.update(media.iv());
        this.bodyHash = sha256();
        this.plainHash = sha256();
    }

    /** The largest body a plaintext of {@code maxPlainBytes} can have: a full block of padding plus the MAC. */
    static long maxBodyBytes(long maxPlainBytes) {
        return maxPlainBytes + EncryptedMedia.BLOCK + EncryptedMedia.MAC_LENGTH;
    }

    /**
     * Reads {@code body} to its end, writes the plaintext to {@code out}, and fails with the first check that does
     * not hold: size, body hash, MAC, padding, plaintext hash.
     */
    static void decrypt(EncryptedMedia media, SizeCap cap, InputStream body, OutputStream out)
            throws IOException, MediaFailure {
        MediaDecryptor decryptor;
        try {
            decryptor = new MediaDecryptor(media, cap);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES-CBC or HMAC-SHA256", e);
        }
        decryptor.run(body, out);
    }

    private void run(InputStream body, OutputStream out) throws IOException, MediaFailure {
        // the last MAC_LENGTH bytes seen are held back: only at the end is it known that they are the MAC
        byte[] buffer = new byte[BUFFER + EncryptedMedia.MAC_LENGTH];
        int held = 0;
        int n;
        while ((n = body.read(buffer, held, buffer.length - held)) != -1) {
            bodyBytes += n;
            if (bodyBytes > maxBodyBytes(cap.bytes())) {
                throw cap.exceeded(-1);
            }
            bodyHash.update(buffer, held, n);
            int ready = held + n - EncryptedMedia.MAC_LENGTH;
            if (ready > 0) {
                mac.update(buffer, 0, ready);
                write(cipher.update(buffer, 0, ready), out);
                System.arraycopy(buffer, ready, buffer, 0, EncryptedMedia.MAC_LENGTH);
                held = EncryptedMedia.MAC_LENGTH;
            } else {
                held += n;
            }
        }
        checkBody(Arrays.copyOf(buffer, held));
        write(finalBlock(), out);
        requireEqual(media.fileSha256(), plainHash.digest(),
                "the decrypted file does not match the SHA-256 the message announced");
    }

    private void checkBody(byte[] appendedMac) throws MediaFailure {
        long expected = media.expectedBodySize();
        if (expected >= 0 && bodyBytes < expected) {
            throw new MediaFailure("the download is truncated: " + bodyBytes + " of " + expected + " bytes arrived");
        }
        if (bodyBytes < EncryptedMedia.BLOCK + EncryptedMedia.MAC_LENGTH) {
            throw new MediaFailure("the download is too short to be an attachment (" + bodyBytes + " bytes)");
        }
        requireEqual(media.fileEncSha256(), bodyHash.digest(),
                "the download does not match the SHA-256 the message announced (truncated or altered)");
        byte[] computed = Arrays.copyOf(mac.doFinal(), EncryptedMedia.MAC_LENGTH);
        if (!MessageDigest.isEqual(computed, appendedMac)) {
            throw new MediaFailure("the attachment's MAC does not match: it was altered or the key is wrong");
        }
    }

    private byte[] finalBlock() throws MediaFailure {
        try {
            return cipher.doFinal();
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw new MediaFailure("the attachment cannot be decrypted (" + e.getMessage() + ")");
        }
    }

    private void write(byte[] plain, OutputStream out) throws IOException, MediaFailure {
        if (plain == null || plain.length == 0) {
            return;
        }
        plainBytes += plain.length;
        if (plainBytes > cap.bytes()) {
            throw cap.exceeded(-1);
        }
        plainHash.update(plain);
        out.write(plain);
    }

    /** An empty {@code announced} hash is not checked: the MAC still proves the file is the sender's. */
    private static void requireEqual(byte[] announced, byte[] actual, String failure) throws MediaFailure {
        if (announced.length > 0 && !MessageDigest.isEqual(announced, actual)) {
            throw new MediaFailure(failure);
        }
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }
}
