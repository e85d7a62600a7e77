package gomikrobot.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The current data a restore replaces, renamed to {@code <name>.before-restore} next to where it was (a rename
 * in the same folder: instant, and nothing is copied or lost). After a failed restore {@link #putBack} deletes
 * what the restore wrote and renames everything back; after a successful one {@link #discard} removes it, or
 * the caller keeps it.
 */
final class SetAside {
    static final String SUFFIX = ".before-restore";

    private final List<Path> moved = new ArrayList<>();

    static Path asideOf(Path original) {
        return original.resolveSibling(original.getFileName() + SUFFIX);
    }

    /** Refuses when an earlier restore's copy is still there: it may be the only copy of someone's data. */
    static void requireNoLeftovers(List<Path> originals) {
        List<Path> leftovers = originals.stream().map(SetAside::asideOf)
                .filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)).toList();
        if (!leftovers.isEmpty()) {
            throw new BackupException("an earlier restore left " + leftovers.stream().map(Path::toString)
                    .collect(Collectors.joining(", ")) + " behind; check and move away (or delete) before restoring again");
        }
    }

    /** Renames {@code original} aside when it exists. */
    void move(Path original) throws IOException {
        if (Files.exists(original, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(original, asideOf(original), StandardCopyOption.ATOMIC_MOVE);
            moved.add(original);
        }
    }

    /** The set-aside copies, where they are now. */
    List<Path> asidePaths() {
        return moved.stream().map(SetAside::asideOf).toList();
    }

    /**
     * Deletes whatever now stands at each of {@code originals} (the restore's partial work) and renames the
     * set-aside data back. Every path is attempted; the first failure is thrown after that.
     */
    void putBack(List<Path> originals) throws IOException {
        IOException first = null;
        for (Path original : originals) {
            try {
                TreeRemover.delete(original);
                if (moved.contains(original)) {
                    Files.move(asideOf(original), original, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Deletes the set-aside copies once the restore has succeeded. */
    void discard() throws IOException {
        for (Path aside : asidePaths()) {
            TreeRemover.delete(aside);
        }
    }
}
