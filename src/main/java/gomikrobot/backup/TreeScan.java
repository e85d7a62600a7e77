package gomikrobot.backup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Lists the regular files of a folder for a backup, without ever following a symbolic link: the folder itself
 * may be a link (a workspace kept on another disk), but links inside it are recorded as skipped, never
 * followed out of the tree and never copied as links. Paths in {@code excluded} (the backup being written,
 * the live database) are left out silently, which matters when a workspace is configured to contain the home.
 */
final class TreeScan {
    static final String SYMLINK = "symbolic link (not followed)";
    static final String SPECIAL = "not a regular file";
    static final String VANISHED = "deleted during the backup";

    /** A file to copy: where it is, its name inside the backup, its size when listed. */
    record Found(Path file, String relative, long size) {
    }

    record Result(List<Found> files, List<Manifest.Skipped> skipped) {
        long totalBytes() {
            return files.stream().mapToLong(Found::size).sum();
        }
    }

    private TreeScan() {
    }

    /** Scans {@code root} (which must exist), naming files {@code prefix/relative/path}. */
    static Result scan(Path root, String prefix, Set<Path> excluded) throws IOException {
        Path realRoot = root.toRealPath();
        List<Found> files = new ArrayList<>();
        List<Manifest.Skipped> skipped = new ArrayList<>();
        Files.walkFileTree(realRoot, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return excluded.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = nameOf(realRoot, file, prefix);
                if (excluded.contains(file)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isRegularFile()) {
                    files.add(new Found(file, name, attrs.size()));
                } else {
                    skipped.add(new Manifest.Skipped(name, attrs.isSymbolicLink() ? SYMLINK : SPECIAL));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    skipped.add(new Manifest.Skipped(nameOf(realRoot, file, prefix), VANISHED));
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return new Result(files, skipped);
    }

    /** "prefix/a/b.txt", always with '/' whatever the platform's separator. */
    static String nameOf(Path root, Path file, String prefix) {
        StringBuilder name = new StringBuilder(prefix);
        for (Path part : root.relativize(file)) {
            name.append('/').append(part);
        }
        return name.toString();
    }
}
