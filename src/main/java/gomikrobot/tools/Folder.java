package gomikrobot.tools;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One open folder below a trusted root, and the only way {@link ConfinedPath} touches the file system. Every
 * operation names a single entry of this folder and never follows a link in it. Two shapes:
 * {@link Secure}, where the JDK offers a {@link SecureDirectoryStream} (Linux): the folder is an open
 * descriptor and every call is relative to it ({@code openat}, {@code fstatat}, {@code renameat} with
 * {@code O_NOFOLLOW}), so swapping a folder on the path for a link cannot redirect it; and {@link Checked}
 * elsewhere: plain paths, where after each open or rename every folder on the way is checked to still be the
 * folder (same file key, not a link) it was when it was entered, narrowing the window to the instants
 * between the checks.
 */
sealed interface Folder extends Closeable permits Folder.Secure, Folder.Checked {
    /** The root, opened by its real path (it is trusted: links above and at it are the owner's choice). */
    static Folder openRoot(Path realRoot) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(realRoot);
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return new Secure(secure, realRoot);
        }
        stream.close();
        return Checked.root(realRoot);
    }

    /** Where this folder was when it was entered (for messages and for creating sub-folders). */
    Path path();

    /** The attributes of this folder itself, of the folder that is open rather than of a name. */
    BasicFileAttributes self() throws IOException;

    /** The attributes of an entry, not following a link (POSIX attributes where the system has them). */
    BasicFileAttributes stat(String name) throws IOException;

    /** Enters a sub-folder without following a link. */
    Folder folder(String name) throws IOException;

    /** Opens a file without following a link. */
    SeekableByteChannel open(String name, Set<OpenOption> options) throws IOException;

    /** The names of the entries, in no particular order; callable once. */
    List<String> names() throws IOException;

    void setPermissions(String name, Set<PosixFilePermission> permissions) throws IOException;

    /** Atomically replaces {@code to} (a link is replaced, never followed) with {@code from}. */
    void rename(String from, String to) throws IOException;

    void delete(String name) throws IOException;

    /**
     * Enters a sub-folder, checked: not a link, a folder, and the folder opened is the one just looked at (same
     * file key), else {@link PathChangedException}. With {@code create}, a missing folder is made first.
     */
    static Folder enter(Folder parent, String name, boolean create) throws IOException {
        Path path = parent.path().resolve(name);
        BasicFileAttributes before;
        try {
            before = parent.stat(name);
        } catch (NoSuchFileException e) {
            if (!create) {
                throw e;
            }
            try { // Java has no mkdirat: made by path, then entered (and so checked) through the open parent below
                Files.createDirectory(path);
            } catch (FileAlreadyExistsException raced) {
                // made by someone else meanwhile: judged below like anything found there
            }
            before = parent.stat(name);
        }
        if (before.isSymbolicLink()) {
            throw new PathChangedException(path);
        }
        if (!before.isDirectory()) {
            throw new NotDirectoryException(path.toString());
        }
        Folder child;
        try {
            child = parent.folder(name);
        } catch (NoSuchFileException | NotDirectoryException | AccessDeniedException e) {
            throw e;
        } catch (FileSystemException e) { // a link now where a folder was a moment ago ("too many levels of links")
            throw new PathChangedException(path);
        }
        if (!sameFile(before, child.self())) {
            child.close();
            throw new PathChangedException(path);
        }
        return child;
    }

    /** Opens a file of the folder without following a link; a link found there means the tree changed. */
    static SeekableByteChannel openFile(Folder folder, String name, Set<OpenOption> options) throws IOException {
        try {
            return folder.open(name, options);
        } catch (NoSuchFileException | AccessDeniedException | PathChangedException e) {
            throw e;
        } catch (FileSystemException e) { // the name became a link (opened without following: "too many levels")
            throw new PathChangedException(folder.path().resolve(name));
        }
    }

    /** Where the system has no file keys (Windows) there is nothing to compare, and the type check must do. */
    static boolean sameFile(BasicFileAttributes before, BasicFileAttributes after) {
        return Objects.equals(before.fileKey(), after.fileKey()) && before.isDirectory() == after.isDirectory()
                && before.isRegularFile() == after.isRegularFile();
    }

    private static Set<OpenOption> noFollow(Set<OpenOption> options) {
        Set<OpenOption> all = new HashSet<>(options);
        all.add(LinkOption.NOFOLLOW_LINKS);
        return all;
    }

    /** An open directory descriptor; every call is relative to it. */
    record Secure(SecureDirectoryStream<Path> stream, Path path) implements Folder {
        @Override
        public BasicFileAttributes self() throws IOException {
            return stream.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
        }

        @Override
        public BasicFileAttributes stat(String name) throws IOException {
            PosixFileAttributeView posix = stream.getFileAttributeView(Path.of(name), PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            return posix != null ? posix.readAttributes() : stream.getFileAttributeView(Path.of(name),
                    BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
        }

        @Override
        public Folder folder(String name) throws IOException {
            return new Secure(stream.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS), path.resolve(name));
        }

        @Override
        public SeekableByteChannel open(String name, Set<OpenOption> options) throws IOException {
            return stream.newByteChannel(Path.of(name), noFollow(options));
        }

        @Override
        public List<String> names() {
            List<String> names = new ArrayList<>();
            stream.forEach(entry -> names.add(entry.getFileName().toString()));
            return names;
        }

        @Override
        public void setPermissions(String name, Set<PosixFilePermission> permissions) throws IOException {
            stream.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(permissions);
        }

        @Override
        public void rename(String from, String to) throws IOException {
            stream.move(Path.of(from), stream, Path.of(to));
        }

        @Override
        public void delete(String name) throws IOException {
            stream.deleteFile(Path.of(name));
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    /**
     * A folder known by its path and its file key when it was entered, with the folder it was entered from.
     * Where the system has no file keys (Windows) only "still a folder, not a link" can be checked.
     */
    record Checked(Path path, Object key, Checked parent) implements Folder {
        static Checked root(Path realRoot) throws IOException {
            return new Checked(realRoot, Files.readAttributes(realRoot, BasicFileAttributes.class).fileKey(), null);
        }

        @Override
        public BasicFileAttributes self() throws IOException {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public BasicFileAttributes stat(String name) throws IOException {
            Path entry = path.resolve(name);
            return Files.getFileAttributeView(entry, PosixFileAttributeView.class) != null
                    ? Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    : Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public Folder folder(String name) throws IOException {
            Checked child = new Checked(path.resolve(name), stat(name).fileKey(), this);
            child.verify();
            return child;
        }

        @Override
        public SeekableByteChannel open(String name, Set<OpenOption> options) throws IOException {
            SeekableByteChannel channel = Files.newByteChannel(path.resolve(name), noFollow(options));
            try {
                verify();
                return channel;
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        public List<String> names() throws IOException {
            try (Stream<Path> entries = Files.list(path)) {
                List<String> names = entries.map(p -> p.getFileName().toString()).toList();
                verify();
                return names;
            }
        }

        @Override
        public void setPermissions(String name, Set<PosixFilePermission> permissions) throws IOException {
            Files.getFileAttributeView(path.resolve(name), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(permissions);
            verify();
        }

        @Override
        public void rename(String from, String to) throws IOException {
            Files.move(path.resolve(from), path.resolve(to), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            verify();
        }

        @Override
        public void delete(String name) throws IOException {
            Files.delete(path.resolve(name));
        }

        @Override
        public void close() {
            // nothing is held open
        }

        /** Every folder from here up to the root is still the folder it was when it was entered. */
        private void verify() throws IOException {
            for (Checked folder = this; folder != null; folder = folder.parent) {
                BasicFileAttributes now = folder.self();
                if (!now.isDirectory() || !Objects.equals(now.fileKey(), folder.key)) {
                    throw new PathChangedException(folder.path);
                }
            }
        }
    }
}
