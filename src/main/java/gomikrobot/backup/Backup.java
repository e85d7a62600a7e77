package gomikrobot.backup;

import gomikrobot.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Takes a backup of a (possibly running) installation into a new folder: a consistent copy of the database
 * through SQLite's online backup, config.json with its mode, and the WhatsApp session and workspace folders
 * file by file with SHA-256 computed while copying; then {@code MANIFEST.json}; then verifies the whole
 * folder against it (sizes, checksums, {@code integrity_check}). A backup is either complete and verified or
 * gone: on any failure what was written is removed and a {@link BackupException} says why.
 */
public final class Backup {
    public static final String NAME_PREFIX = "gomikrobot-backup-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final DataPaths paths;
    private final Clock clock;
    private final String appVersion;
    private final Progress progress;
    private final FileCopier copier = new FileCopier();
    private final SqliteSnapshot sqlite = new SqliteSnapshot();
    private final BackupVerifier verifier;

    /**
     * @param clock      the backup's time, and the zone of its default folder name
     * @param appVersion recorded in the manifest
     */
    public Backup(DataPaths paths, Clock clock, String appVersion, Progress progress) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.appVersion = Objects.requireNonNull(appVersion, "appVersion");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.verifier = new BackupVerifier(copier, sqlite, progress);
    }

    /** {@code parent/gomikrobot-backup-YYYYMMDD-HHMMSS} (clock's zone), with "-2", "-3"… when that exists. */
    public Path newTarget(Path parent) {
        String base = NAME_PREFIX + STAMP.format(clock.instant().atZone(clock.getZone()));
        Path candidate = parent.resolve(base);
        for (int n = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = parent.resolve(base + "-" + n);
        }
        return candidate.toAbsolutePath().normalize();
    }

    /**
     * Writes a complete, verified backup into {@code dir}, which must not exist or be an empty folder.
     *
     * @return the manifest written as {@code dir/MANIFEST.json}
     * @throws BackupException when anything could not be copied or verified; {@code dir} is then left as it was
     */
    public Manifest create(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        boolean created = prepare(target);
        try {
            Manifest manifest = writeContents(target);
            verifier.verify(target, manifest);
            return manifest;
        } catch (IOException | SQLException | RuntimeException e) {
            removePartial(target, created, e);
            if (e instanceof BackupException be) {
                throw be;
            }
            throw new BackupException("backup failed: " + describe(e), e);
        }
    }

    // ----- private helpers -----

    /** Creates the folder (0700) or accepts an empty one; returns whether it was created here. */
    private static boolean prepare(Path target) {
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new BackupException("cannot back up into " + target + ": it exists and is not a folder");
                }
                try (var children = Files.list(target)) {
                    if (children.findAny().isPresent()) {
                        throw new BackupException("cannot back up into " + target + ": the folder is not empty");
                    }
                }
                return false;
            }
            FileCopier.createPrivateDirectories(target);
            return true;
        } catch (IOException e) {
            throw new BackupException("cannot create " + target + ": " + describe(e), e);
        }
    }

    private Manifest writeContents(Path target) throws IOException, SQLException {
        Set<Section> sections = EnumSet.noneOf(Section.class);
        List<Manifest.Entry> files = new ArrayList<>();
        List<Manifest.Skipped> skipped = new ArrayList<>();
        copyDatabase(target, files);
        sections.add(Section.DATABASE);
        if (Files.isRegularFile(paths.config())) {
            copyFile(Section.CONFIG, paths.config(), target, files);
            sections.add(Section.CONFIG);
        }
        Set<Path> excluded = excludedFromTrees(target);
        for (Section folder : List.of(Section.WHATSAPP, Section.WORKSPACE)) {
            if (Files.isDirectory(folder.live(paths))) {
                copyTree(folder, target, excluded, files, skipped);
                sections.add(folder);
            }
        }
        Manifest manifest = new Manifest(Manifest.VERSION, clock.instant(), appVersion, paths.home().toString(),
                paths.workspace().toString(), sections, files, skipped);
        writeManifest(target, manifest);
        return manifest;
    }

    private void copyDatabase(Path target, List<Manifest.Entry> files) throws IOException, SQLException {
        if (!Files.isRegularFile(paths.database())) {
            throw new BackupException("nothing to back up: no database at " + paths.database());
        }
        Path copy = target.resolve(Section.DATABASE.fileName());
        Files.createFile(copy, FileCopier.privateFile(copy));
        sqlite.copy(paths.database(), copy);
        long size = Files.size(copy);
        progress.update(Section.DATABASE.key(), size, size);
        files.add(new Manifest.Entry(Section.DATABASE.fileName(), size, copier.sha256(copy, n -> { }),
                FileCopier.modeOf(copy)));
    }

    private void copyFile(Section section, Path source, Path target, List<Manifest.Entry> files) throws IOException {
        String mode = FileCopier.modeOf(source);
        FileCopier.Copied copied = copier.copy(source, target.resolve(section.fileName()), mode,
                n -> { });
        files.add(new Manifest.Entry(section.fileName(), copied.size(), copied.sha256(), mode));
    }

    private void copyTree(Section section, Path target, Set<Path> excluded, List<Manifest.Entry> files,
                          List<Manifest.Skipped> skipped) throws IOException {
        TreeScan.Result scan = TreeScan.scan(section.live(paths), section.fileName(), excluded);
        skipped.addAll(scan.skipped());
        FileCopier.createPrivateDirectories(target.resolve(section.fileName()));
        long total = scan.totalBytes();
        long[] done = {0};
        for (TreeScan.Found found : scan.files()) {
            Path to = target.resolve(found.relative());
            try {
                String mode = FileCopier.modeOf(found.file());
                FileCopier.Copied copied = copier.copy(found.file(), to, mode,
                        n -> progress.update(section.key(), done[0] += n, Math.max(total, done[0])));
                files.add(new Manifest.Entry(found.relative(), copied.size(), copied.sha256(), mode));
            } catch (NoSuchFileException e) {
                // a session file rotated or a media file deleted since the scan: nothing of it is left to save
                Files.deleteIfExists(to);
                skipped.add(new Manifest.Skipped(found.relative(), TreeScan.VANISHED));
            }
        }
    }

    /** The backup folder itself and the live database files, in case a folder section contains them. */
    private Set<Path> excludedFromTrees(Path target) throws IOException {
        Set<Path> excluded = new HashSet<>();
        excluded.add(target.toRealPath());
        List<Path> live = new ArrayList<>(paths.databaseCompanions());
        live.add(paths.database());
        live.add(paths.config());
        for (Path p : live) {
            if (Files.exists(p)) {
                excluded.add(p.toRealPath());
            }
        }
        return excluded;
    }

    private static void writeManifest(Path target, Manifest manifest) throws IOException {
        Path file = target.resolve(Manifest.FILE_NAME);
        Files.createFile(file, FileCopier.privateFile(file));
        Files.writeString(file, Json.writePretty(manifest.toJson()) + "\n");
    }

    private static void removePartial(Path target, boolean created, Exception cause) {
        try {
            if (created) {
                TreeRemover.delete(target);
            } else {
                TreeRemover.deleteContents(target);
            }
        } catch (IOException e) {
            cause.addSuppressed(e); // the backup's own failure is what the user must read first
        }
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        if (e instanceof NoSuchFileException) {
            return "no such file: " + message;
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
