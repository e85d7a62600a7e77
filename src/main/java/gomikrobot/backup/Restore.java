package gomikrobot.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Puts a backup made by {@link Backup} in place of an installation's data, only when that is safe: the gateway
 * is not running, the whole backup matches its manifest and its database passes {@code integrity_check}. The
 * sections the backup holds replace the current ones, which are first renamed to {@code *.before-restore};
 * any failure while copying deletes the partial restore and renames them back, so the current data is never
 * lost. Sections the backup does not hold are left alone. The workspace goes to the configured workspace path,
 * wherever that is.
 */
public final class Restore {
    private final DataPaths paths;
    private final PortProbe gateway;
    private final Progress progress;
    private final FileCopier copier = new FileCopier();
    private final BackupVerifier verifier;

    public Restore(DataPaths paths, PortProbe gateway, Progress progress) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.verifier = new BackupVerifier(copier, new SqliteSnapshot(), progress);
    }

    /** What a restore did: the backup's manifest and where the replaced data was kept (empty when discarded). */
    public record Restored(Manifest manifest, List<Path> keptAside) {
        public Restored {
            keptAside = List.copyOf(keptAside);
        }
    }

    /**
     * Restores the backup in {@code dir}.
     *
     * @param keepPrevious keep the replaced data as {@code *.before-restore} after success instead of deleting it
     * @throws BackupException when the restore is refused or fails; the current data is then as it was
     */
    public Restored run(Path dir, boolean keepPrevious) {
        Path source = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) {
            throw new BackupException("not a backup folder: " + source);
        }
        gateway.firstListening().ifPresent(address -> {
            throw new BackupException("a gateway is running on " + address
                    + "; stop it before restoring (nothing was changed)");
        });
        Manifest manifest = Manifest.read(source);
        verifier.verify(source, manifest);
        List<Path> originals = replacedPaths(manifest);
        requireOutside(source, manifest);
        SetAside.requireNoLeftovers(originals);
        SetAside aside = new SetAside();
        try {
            FileCopier.createPrivateDirectories(paths.home());
            for (Path original : originals) {
                aside.move(original);
            }
            copyInto(source, manifest);
        } catch (IOException | RuntimeException e) {
            putBack(aside, originals, e);
            String why = e instanceof BackupException ? e.getMessage() : Backup.describe(e);
            throw new BackupException("restore failed, your data is as it was: " + why, e);
        }
        if (keepPrevious) {
            return new Restored(manifest, aside.asidePaths());
        }
        try {
            aside.discard();
        } catch (IOException e) {
            throw new BackupException("restored, but removing the replaced data failed: " + Backup.describe(e)
                    + "; delete the *" + SetAside.SUFFIX + " files by hand", e);
        }
        return new Restored(manifest, List.of());
    }

    // ----- private helpers -----

    /** The live paths the restore replaces: each held section, plus the database's -wal/-shm/-journal. */
    private List<Path> replacedPaths(Manifest manifest) {
        List<Path> originals = new ArrayList<>();
        for (Section section : manifest.sections()) {
            originals.add(section.live(paths));
            if (section == Section.DATABASE) {
                originals.addAll(paths.databaseCompanions());
            }
        }
        return originals;
    }

    /** A backup kept inside a section it replaces would be renamed away under our feet. */
    private void requireOutside(Path source, Manifest manifest) {
        for (Section section : manifest.sections()) {
            Path live = section.live(paths);
            if (section.isFolder() && source.startsWith(live)) {
                throw new BackupException("the backup " + source + " is inside " + live
                        + ", which the restore replaces; move the backup elsewhere first");
            }
        }
    }

    private void copyInto(Path source, Manifest manifest) throws IOException {
        for (Section section : manifest.sections()) {
            if (section.isFolder()) {
                FileCopier.createPrivateDirectories(section.live(paths)); // even when it held no files
            }
            List<Manifest.Entry> entries = manifest.filesOf(section);
            long total = entries.stream().mapToLong(Manifest.Entry::size).sum();
            long[] done = {0};
            for (Manifest.Entry entry : entries) {
                FileCopier.Copied copied = copier.copy(source.resolve(entry.path()), paths.live(section, entry.path()),
                        entry.mode(), n -> progress.update(section.key(), done[0] += n, total));
                if (copied.size() != entry.size() || !copied.sha256().equals(entry.sha256())) {
                    throw new BackupException(source.resolve(entry.path()) + " changed while it was being restored");
                }
            }
        }
    }

    private static void putBack(SetAside aside, List<Path> originals, Exception cause) {
        try {
            aside.putBack(originals);
        } catch (IOException e) {
            cause.addSuppressed(e);
            throw new BackupException("restore failed and putting the data back failed too ("
                    + Backup.describe(e) + "); your data is in " + aside.asidePaths(), cause);
        }
    }
}
