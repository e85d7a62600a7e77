package gomikrobot.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;

/**
 * Replaces a file whole or not at all. The new content goes to a temp file in the target's folder (so on the
 * same file system), is flushed to the disk and then renamed over the target in one step: a reader, or a
 * crash at any moment, finds the old file or the new one, never a part of one. A failed write removes its temp
 * file. Temp files are named {@code .<name>.<random>.tmp} and, unless attributes say otherwise, readable by
 * their owner only, as {@link Files#createTempFile} makes them.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** What goes into the file; the stream is closed by {@link #replace}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code content} to {@code target}, replacing any file there. The folder must exist.
     *
     * @param tempAttributes the new file's attributes (such as its POSIX permissions), set when it is created
     */
    public static void replace(Path target, Content content, FileAttribute<?>... tempAttributes) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp", tempAttributes);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                content.writeTo(Channels.newOutputStream(channel));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException notRemoved) {
                e.addSuppressed(notRemoved);
            }
            throw e;
        }
    }
}
