package gomikrobot.backup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Copies one file and computes the SHA-256 of exactly the bytes written, in one pass; reports every chunk to a
 * progress callback. The source is opened without following a symbolic link, the target is created new (never
 * overwritten) readable by its owner only while it is written, then given its final mode and the source's
 * modification time, and forced to disk.
 */
final class FileCopier {
    static final String PRIVATE_FILE = "rw-------";
    static final String PRIVATE_DIR = "rwx------";
    private static final int CHUNK = 1 << 16;

    /** What was copied: the byte count and the SHA-256 (lower-case hex) of those bytes. */
    record Copied(long size, String sha256) {
    }

    /**
     * Copies {@code from} to the new file {@code to}, creating missing parent folders (0700).
     *
     * @param mode the target's final POSIX mode ("rw-r--r--"), or null to keep it owner-only
     */
    Copied copy(Path from, Path to, String mode, LongConsumer progress) throws IOException {
        createPrivateDirectories(to.getParent());
        MessageDigest digest = sha256();
        long size = 0;
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             FileChannel out = FileChannel.open(to, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                     privateFile(to))) {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            int n;
            while ((n = in.read(buffer)) >= 0) {
                buffer.flip();
                digest.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                buffer.clear();
                size += n;
                progress.accept(n);
            }
            out.force(true);
        }
        FileTime modified = Files.getLastModifiedTime(from, LinkOption.NOFOLLOW_LINKS);
        applyMode(to, mode);
        Files.setLastModifiedTime(to, modified);
        return new Copied(size, HexFormat.of().formatHex(digest.digest()));
    }

    /** The SHA-256 of a regular file, read without following a symbolic link. */
    String sha256(Path file, LongConsumer progress) throws IOException {
        MessageDigest digest = sha256();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            int n;
            while ((n = in.read(buffer)) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
                progress.accept(n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A file's POSIX mode as "rw-------", or null on a file system without POSIX modes. */
    static String modeOf(Path file) throws IOException {
        if (!isPosix(file)) {
            return null;
        }
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }

    /** Creates a folder and its missing parents, each new one readable by its owner only. */
    static void createPrivateDirectories(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        createPrivateDirectories(dir.getParent());
        try {
            Files.createDirectory(dir, isPosix(dir.getParent()) ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(PRIVATE_DIR))}
                    : new FileAttribute<?>[0]);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    static void applyMode(Path file, String mode) throws IOException {
        if (mode != null && isPosix(file)) {
            Set<PosixFilePermission> perms = PosixFilePermissions.fromString(mode);
            Files.setPosixFilePermissions(file, perms);
        }
    }

    static FileAttribute<?>[] privateFile(Path file) {
        return isPosix(file.getParent())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(PRIVATE_FILE))}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path near) {
        return near != null && near.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
