package gomikrobot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The attacker of the symlink-swap race tests: on its own thread, until closed, it swaps a folder for a link to
 * somewhere else and back, as fast as it can. Each round moves the folder aside, puts the link in its place,
 * removes the link and moves the folder back. A folder someone else created at the name in the gaps (a write
 * that creates missing folders) is deleted, so the original always comes back; {@link #close} leaves it there.
 */
public final class FolderSwapper implements AutoCloseable {
    private final Path folder;
    private final Path aside;
    private final Path target;
    private final AtomicLong swaps = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile IOException failure;

    private FolderSwapper(Path folder, Path target) {
        this.folder = folder;
        this.aside = folder.resolveSibling(folder.getFileName() + ".aside");
        this.target = target;
        this.thread = Thread.ofPlatform().daemon().name("folder-swapper").start(this::run);
    }

    /** Starts swapping {@code folder} (which must exist) for a link to {@code target}. */
    public static FolderSwapper start(Path folder, Path target) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("not a folder: " + folder);
        }
        return new FolderSwapper(folder, target);
    }

    /** How many times the link stood in the folder's place so far. */
    public long swaps() {
        return swaps.get();
    }

    /** Stops (waiting at most 10 s) with the folder back in place; fails if a round failed. */
    @Override
    public void close() throws IOException, InterruptedException {
        running = false;
        thread.join(10_000);
        if (thread.isAlive()) {
            throw new IllegalStateException("the swapper did not stop within 10 s");
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void run() {
        try {
            while (running) {
                round();
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    private void round() throws IOException {
        Files.move(folder, aside, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.createSymbolicLink(folder, target);
            swaps.incrementAndGet();
            Thread.yield();
            Files.delete(folder);
        } catch (FileSystemException e) {
            // a writer created a new folder at the name before the link went in: restore() removes it
        }
        restore();
        Thread.yield(); // the folder stays in place about as long as the link did
    }

    private void restore() throws IOException {
        while (true) {
            try {
                Files.move(aside, folder, StandardCopyOption.ATOMIC_MOVE); // replaces an empty folder
                return;
            } catch (NoSuchFileException e) {
                throw e;
            } catch (FileSystemException e) { // someone's new folder holds files now
                deleteTree(folder);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException | DirectoryNotEmptyException | UncheckedIOException e) {
            // gone already, or a writer is still adding to it: the caller tries again
        }
    }
}
