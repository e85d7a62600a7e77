package gomikrobot.tools;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A path checked to lie inside a trusted root, and the one way the file tools and the gateway open files and
 * folders. The path is resolved once (every link followed, {@code ..} gone) and checked against the root's real
 * path; opening it then walks from the root one name at a time through {@link Folder}, never following a link,
 * and compares each entry's file key before and after it is opened. A link or a replaced folder met on the way
 * means the tree changed since the check: the operation fails closed with {@link PathChangedException} rather
 * than open something else. Writes go to a temporary file in the checked folder, moved over the name
 * atomically, so a link planted at the name is replaced, never written through. Immutable.
 */
public final class ConfinedPath {
    private final Path root;
    private final List<String> names;

    private ConfinedPath(Path root, List<String> names) {
        this.root = root;
        this.names = names;
    }

    /**
     * {@code relative} (with "/" separators, "" for the root itself) under {@code root}, or empty when it would
     * leave the root: by {@code ..}, by being absolute elsewhere, by a link pointing out, or by a dangling link.
     *
     * @throws IllegalArgumentException when the path holds a backslash: refused rather than guessed at
     * @throws IOException when the root itself cannot be resolved (missing, unreadable)
     */
    public static Optional<ConfinedPath> resolve(Path root, String relative) throws IOException {
        refuseBackslash(relative);
        Path realRoot = root.toRealPath();
        Path candidate;
        try {
            candidate = realRoot.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!candidate.startsWith(realRoot)) {
            return Optional.empty();
        }
        return realOrNearest(candidate).filter(real -> real.startsWith(realRoot)).map(real -> of(realRoot, real));
    }

    /** The absolute path, as resolved when it was checked. */
    public Path path() {
        Path path = root;
        for (String name : names) {
            path = path.resolve(name);
        }
        return path;
    }

    /** The path relative to the root's real path, with "/" separators ("" for the root itself). */
    public String relativeName() {
        return String.join("/", names);
    }

    /** An open regular file and its attributes as checked; the caller closes it. */
    public Opened openFile() throws IOException {
        if (names.isEmpty()) {
            throw new NotAFileException(root, true);
        }
        try (Folder folder = enter(names.subList(0, names.size() - 1), false)) {
            String name = names.getLast();
            BasicFileAttributes before = folder.stat(name);
            if (before.isSymbolicLink()) {
                throw new PathChangedException(path());
            }
            if (!before.isRegularFile()) {
                throw new NotAFileException(path(), before.isDirectory());
            }
            SeekableByteChannel channel = Folder.openFile(folder, name, Set.of(StandardOpenOption.READ));
            if (!Folder.sameFile(before, folder.stat(name))) {
                channel.close();
                throw new PathChangedException(path());
            }
            return new Opened(channel, before);
        }
    }

    /** Up to {@code max} bytes from the start of the file, with its size and whether more followed. */
    public Head readHead(int max) throws IOException {
        try (Opened opened = openFile(); InputStream in = opened.stream()) {
            byte[] bytes = in.readNBytes(max);
            return new Head(bytes, opened.attributes().size(), in.read() >= 0);
        }
    }

    /** The folder's entries, sorted by name; links are listed as links, never followed. */
    public List<Entry> list() throws IOException {
        try (Folder folder = enter(names, false)) {
            return entries(folder);
        }
    }

    /**
     * Visits everything below the folder depth first, names sorted, with paths relative to the root; a folder
     * is entered when the visitor says so (a link is never entered: its attributes are the link's own).
     */
    public void walk(Visitor visitor) throws IOException {
        try (Folder folder = enter(names, false)) {
            walk(folder, relativeName(), visitor);
        }
    }

    /** Replaces the file's content atomically (keeping its permissions), creating it and missing folders. */
    public void write(byte[] content) throws IOException {
        if (names.isEmpty()) {
            throw new NotAFileException(root, true);
        }
        Files.createDirectories(root); // trusted: a configured work repo may not exist yet
        try (Folder folder = enter(names.subList(0, names.size() - 1), true)) {
            String name = names.getLast();
            Optional<Set<PosixFilePermission>> permissions = existingFile(folder, name);
            String temp = ".gomikrobot-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp";
            try {
                try (SeekableByteChannel out = Folder.openFile(folder, temp,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                }
                if (permissions.isPresent()) {
                    folder.setPermissions(temp, permissions.get());
                }
                folder.rename(temp, name);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(folder, temp);
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return path().toString();
    }

    // ---- package-private: for PathGuard

    /** A real path known to lie under the real root. */
    static ConfinedPath of(Path realRoot, Path real) {
        List<String> names = new ArrayList<>();
        for (Path name : realRoot.relativize(real)) {
            if (!name.toString().isEmpty()) {
                names.add(name.toString());
            }
        }
        return new ConfinedPath(realRoot, List.copyOf(names));
    }

    /**
     * The real path when the file exists; otherwise the real path of the nearest ancestor that exists with the
     * missing rest appended and normalised (so {@code new/../../x} cannot climb out). Empty for a dangling
     * link: where it points is not ours to decide.
     */
    static Optional<Path> realOrNearest(Path absolute) throws IOException {
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of(absolute.normalize());
        }
        try {
            return Optional.of(existing.toRealPath().resolve(existing.relativize(absolute)).normalize());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    static void refuseBackslash(String path) {
        if (path.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("a backslash is not a path separator here; use /: " + path);
        }
    }

    // ---- private helpers

    private Folder enter(List<String> path, boolean create) throws IOException {
        Folder folder = Folder.openRoot(root);
        try {
            for (String name : path) {
                Folder child = Folder.enter(folder, name, create);
                folder.close();
                folder = child;
            }
            return folder;
        } catch (IOException | RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    /** The permissions of the file being replaced; empty for a new file or where the system has none. */
    private static Optional<Set<PosixFilePermission>> existingFile(Folder folder, String name) throws IOException {
        BasicFileAttributes existing;
        try {
            existing = folder.stat(name);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!existing.isRegularFile() && !existing.isSymbolicLink()) {
            throw new NotAFileException(folder.path().resolve(name), existing.isDirectory());
        }
        // a link here was planted after the check: the rename replaces the link itself, never its target
        return existing instanceof PosixFileAttributes posix && existing.isRegularFile()
                ? Optional.of(posix.permissions()) : Optional.empty();
    }

    private static List<Entry> entries(Folder folder) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String name : folder.names()) {
            try {
                entries.add(new Entry(name, folder.stat(name)));
            } catch (NoSuchFileException e) {
                // removed while we listed: it is simply not there any more
            }
        }
        entries.sort(Comparator.comparing(Entry::name));
        return entries;
    }

    private static void walk(Folder folder, String prefix, Visitor visitor) throws IOException {
        for (Entry entry : entries(folder)) {
            String relative = prefix.isEmpty() ? entry.name() : prefix + "/" + entry.name();
            if (visitor.visit(relative, entry.attributes()) && entry.attributes().isDirectory()) {
                try (Folder child = Folder.enter(folder, entry.name(), false)) {
                    walk(child, relative, visitor);
                }
            }
        }
    }

    private static void deleteQuietly(Folder folder, String name) {
        try {
            folder.delete(name);
        } catch (IOException e) {
            // the temporary file was never created, or its folder went away: nothing is left to clean
        }
    }

    // ---- nested types

    /** One entry of a folder, with its own attributes (a link's are the link's). */
    public record Entry(String name, BasicFileAttributes attributes) {
    }

    /** The first bytes of a file, its size when opened, and whether bytes followed the ones read. */
    public record Head(byte[] bytes, long size, boolean truncated) {
    }

    /** An open file and its attributes as checked. */
    public record Opened(SeekableByteChannel channel, BasicFileAttributes attributes) implements Closeable {
        /** The content as a stream; closing it closes the file. */
        public InputStream stream() {
            return Channels.newInputStream(channel);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Called for each entry of a walk; answers whether to enter it when it is a folder. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(String relative, BasicFileAttributes attributes) throws IOException;
    }
}
