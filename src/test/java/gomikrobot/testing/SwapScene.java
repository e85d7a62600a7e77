package gomikrobot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The scene of the symlink-swap tests: a root holding {@code dir/f.txt} ("inside") and, beside the root, a
 * folder {@code outside} holding an {@code f.txt} of its own, which must never be read or written through the
 * root, however {@code dir} is swapped for a link to it.
 */
public record SwapScene(Path root, Path outside) {
    public static final String INSIDE = "inside";
    public static final String OUTSIDE = "outside-secret-content";
    /** How many reads or writes a race test tries while the folder is being swapped (the 1,000). */
    public static final int RACE_TRIES = 1000;

    /** Creates the scene under {@code tmp}; the root is {@code tmp/rootName} (its real path). */
    public static SwapScene create(Path tmp, String rootName) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(rootName).resolve("dir")).getParent().toRealPath();
        Files.writeString(root.resolve("dir/f.txt"), INSIDE);
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("f.txt"), OUTSIDE);
        return new SwapScene(root, outside);
    }

    public Path dir() {
        return root.resolve("dir");
    }

    /** Puts a link to the outside folder where {@code dir} was, once, as an attacker would after a check. */
    public void swapDirForLink() throws IOException {
        Files.move(dir(), root.resolve("dir.aside"));
        Files.createSymbolicLink(dir(), outside);
    }

    /** Keeps swapping {@code dir} for the link and back until the swapper is closed. */
    public FolderSwapper startSwapping() {
        return FolderSwapper.start(dir(), outside);
    }
}
