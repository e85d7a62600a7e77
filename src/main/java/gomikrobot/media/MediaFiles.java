package gomikrobot.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Where media received on a channel go: {@code <media>/{images,audio,documents}/<message id>.<ext>}. The file name is built from
 * the message id with everything but letters, digits, '-' and '_' replaced, so a hostile id cannot leave the
 * folder; the extension comes from the MIME type, or from the sender's document name when it is a plain short
 * extension. A file is written as a temp file directly in the media folder and moved into place atomically, so a
 * half-written or unchecked file is never visible under its name, and a failed one leaves nothing behind (the
 * kind's folder is created only for a file that made it).
 */
public final class MediaFiles {
    /** What a received file is, and so the folder it goes to. */
    public enum Kind {
        IMAGE("images"), AUDIO("audio"), DOCUMENT("documents");

        private final String folder;

        Kind(String folder) {
            this.folder = folder;
        }
    }

    private static final Map<Kind, String> FALLBACK = Map.of(Kind.IMAGE, "jpg", Kind.AUDIO, "ogg", Kind.DOCUMENT, "bin");
    private static final int MAX_ID_LENGTH = 100;

    private final Path mediaRoot;

    public MediaFiles(Path mediaRoot) {
        this.mediaRoot = mediaRoot.toAbsolutePath().normalize();
    }

    /** The absolute path an attachment of this message is saved under; nothing is created. */
    public Path target(Kind kind, String messageId, String mimeType, String originalName) throws IOException {
        Path folder = mediaRoot.resolve(kind.folder);
        Path target = folder.resolve(safeName(messageId) + "." + extension(kind, mimeType, originalName));
        if (!target.normalize().startsWith(folder)) {
            throw new IOException("media path escapes " + folder);
        }
        return target;
    }

    /** A new empty temp file in the media folder (created when missing), on the same file system as every target. */
    public Path newTempFile() throws IOException {
        Files.createDirectories(mediaRoot);
        return Files.createTempFile(mediaRoot, ".incoming-", ".part");
    }

    /** Moves a finished temp file to {@code target} in one step, replacing an earlier copy. */
    public void commit(Path temp, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
