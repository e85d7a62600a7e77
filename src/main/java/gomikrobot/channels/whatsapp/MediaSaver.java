package gomikrobot.channels.whatsapp;

import gomikrobot.media.MediaTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Saves media as {@code <media>/{images,audio,documents}/<message id>.<ext>}. The file name is built from the
 * message id with everything but letters, digits, '-' and '_' replaced, so a hostile id cannot leave the
 * folder; the extension comes from the MIME type, or from the sender's document name when it is a plain
 * short extension.
 */
final class MediaSaver {
    enum Kind {
        IMAGE("images"), AUDIO("audio"), DOCUMENT("documents");

        private final String folder;

        Kind(String folder) {
            this.folder = folder;
        }
    }

    private static final Map<Kind, String> FALLBACK = Map.of(Kind.IMAGE, "jpg", Kind.AUDIO, "ogg", Kind.DOCUMENT, "bin");
    private static final int MAX_ID_LENGTH = 100;

    private final Path mediaRoot;

    MediaSaver(Path mediaRoot) {
        this.mediaRoot = mediaRoot.toAbsolutePath().normalize();
    }

    /** Writes the bytes and returns the absolute path of the saved file. */
    Path save(Kind kind, String messageId, String mimeType, String originalName, byte[] bytes) throws IOException {
        Path folder = mediaRoot.resolve(kind.folder);
        Files.createDirectories(folder);
        Path target = folder.resolve(safeName(messageId) + "." + extension(kind, mimeType, originalName));
        if (!target.normalize().startsWith(folder)) {
            throw new IOException("media path escapes " + folder);
        }
        Path temp = Files.createTempFile(folder, ".incoming-", ".part");
        try {
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    static String safeName(String messageId) {
        String cleaned = messageId == null ? "" : messageId.replaceAll("[^A-Za-z0-9_-]", "_");
        if (cleaned.isEmpty()) {
            cleaned = "message";
        }
        return cleaned.length() > MAX_ID_LENGTH ? cleaned.substring(0, MAX_ID_LENGTH) : cleaned;
    }

    static String extension(Kind kind, String mimeType, String originalName) {
        String fromName = MediaTypes.extensionOf(originalName);
        if (kind == Kind.DOCUMENT && !fromName.isEmpty()) {
            return fromName;
        }
        String fromType = MediaTypes.extensionFor(mimeType);
        return !fromType.isEmpty() ? fromType : fromName.isEmpty() ? FALLBACK.get(kind) : fromName;
    }
}
