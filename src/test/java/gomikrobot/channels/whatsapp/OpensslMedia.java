package gomikrobot.channels.whatsapp;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * WhatsApp media encrypted by an implementation independent of ours and of cobalt: the openssl command line, run
 * as real processes. HKDF-SHA256 of the media key with the type's info string ({@code openssl kdf}) gives the IV,
 * cipher key and MAC key; {@code openssl enc -aes-256-cbc} encrypts; {@code openssl dgst -mac HMAC} computes
 * HMAC-SHA256(macKey, iv || ciphertext), whose first 10 bytes are appended; {@code openssl dgst -sha256} gives
 * both file hashes.
 */
final class OpensslMedia {
    static final String IMAGE_KEYS = "WhatsApp Image Keys";
    static final String AUDIO_KEYS = "WhatsApp Audio Keys";
    static final String DOCUMENT_KEYS = "WhatsApp Document Keys";
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One encrypted attachment: what the sender's phone uploads and what its message announces. */
    record Encrypted(byte[] plain, byte[] mediaKey, byte[] iv, byte[] cipherKey, byte[] macKey, byte[] body,
                     byte[] fileEncSha256, byte[] fileSha256) {
        /** The attachment as our downloader gets it, served at {@code url}. */
        EncryptedMedia at(URI url) {
            return new EncryptedMedia(url, iv, cipherKey, macKey, fileEncSha256, fileSha256, plain.length);
        }

        /** The same attachment with another body (and that body's SHA-256, as a sender would announce it). */
        Encrypted withBody(byte[] newBody, Path work) throws IOException, InterruptedException {
            return new Encrypted(plain, mediaKey, iv, cipherKey, macKey, newBody, sha256(newBody, work), fileSha256);
        }
    }

    private OpensslMedia() {
    }

    static Encrypted encrypt(byte[] plain, String info, Path work) throws IOException, InterruptedException {
        byte[] mediaKey = new byte[32];
        RANDOM.nextBytes(mediaKey);
        byte[] expanded = HEX.parseHex(openssl(work, "kdf", "-keylen", "112", "-kdfopt", "digest:SHA256",
                "-kdfopt", "hexkey:" + HEX.formatHex(mediaKey), "-kdfopt", "info:" + info, "HKDF")
                .strip().replace(":", "").toLowerCase());
        byte[] iv = Arrays.copyOfRange(expanded, 0, 16);
        byte[] cipherKey = Arrays.copyOfRange(expanded, 16, 48);
        byte[] macKey = Arrays.copyOfRange(expanded, 48, 80);
        Path plainFile = write(work, "plain", plain);
        Path cipherFile = work.resolve("cipher-" + System.nanoTime());
        openssl(work, "enc", "-aes-256-cbc", "-K", HEX.formatHex(cipherKey), "-iv", HEX.formatHex(iv),
                "-in", plainFile.toString(), "-out", cipherFile.toString());
        byte[] ciphertext = Files.readAllBytes(cipherFile);
        byte[] mac = digest(work, concat(iv, ciphertext), "-sha256", "-mac", "HMAC", "-macopt",
                "hexkey:" + HEX.formatHex(macKey));
        byte[] body = concat(ciphertext, Arrays.copyOf(mac, 10));
        return new Encrypted(plain, mediaKey, iv, cipherKey, macKey, body, sha256(body, work), sha256(plain, work));
    }

    static byte[] sha256(byte[] data, Path work) throws IOException, InterruptedException {
        return digest(work, data, "-sha256");
    }

    private static byte[] digest(Path work, byte[] data, String... options) throws IOException, InterruptedException {
        Path in = write(work, "digest-in", data);
        Path out = work.resolve("digest-out-" + System.nanoTime());
        String[] args = new String[options.length + 5];
        args[0] = "dgst";
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "-binary";
        args[options.length + 2] = "-out";
        args[options.length + 3] = out.toString();
        args[options.length + 4] = in.toString();
        openssl(work, args);
        return Files.readAllBytes(out);
    }

    private static String openssl(Path work, String... args) throws IOException, InterruptedException {
        Path output = work.resolve("openssl-" + System.nanoTime() + ".out");
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("openssl " + args[0] + " did not finish");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + text);
        }
        return text;
    }

    private static Path write(Path work, String prefix, byte[] data) throws IOException {
        return Files.write(work.resolve(prefix + "-" + System.nanoTime()), data);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
