package gomikrobot.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reading and writing the text files the file tools work on, with the checks they share: text means UTF-8
 * without NUL bytes, reads stop at a byte cap, and writes never follow a symlink in the last path component
 * (the path was resolved by {@link PathGuard}; a link appearing since then is refused by the OS).
 */
final class FileText {
    /** How far into a file we look for NUL bytes when deciding whether it is binary. */
    private static final int SNIFF_BYTES = 8192;

    private FileText() {
    }

    /** Up to {@code max} bytes from the start of the file. */
    static byte[] readPrefix(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes(max);
        }
    }

    static boolean looksBinary(byte[] bytes) {
        int n = Math.min(bytes.length, SNIFF_BYTES);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Strict UTF-8 decoding: empty when the bytes are not valid UTF-8 (rewriting them would corrupt the file). */
    static Optional<String> decodeStrict(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Replaces the file's content, creating it when missing. */
    static void write(Path file, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, LinkOption.NOFOLLOW_LINKS, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            out.write(content);
        }
    }

    /** An I/O failure worded for the model, without a stack trace. */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
