package gomikrobot.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Checks a backup folder against its manifest: every listed file present as a regular file, with the listed
 * size and SHA-256, and the database copy passing {@code PRAGMA integrity_check}. The first problem stops the
 * check with a {@link BackupException} naming the file. Run after writing a backup and before restoring one.
 */
final class BackupVerifier {
    static final String PART = "verify";

    private final FileCopier copier;
    private final SqliteSnapshot sqlite;
    private final Progress progress;

    BackupVerifier(FileCopier copier, SqliteSnapshot sqlite, Progress progress) {
        this.copier = copier;
        this.sqlite = sqlite;
        this.progress = progress;
    }

    void verify(Path dir, Manifest manifest) {
        long total = manifest.totalBytes();
        long[] done = {0};
        for (Manifest.Entry entry : manifest.files()) {
            Path file = dir.resolve(entry.path());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new BackupException("backup incomplete: " + file + " is missing");
            }
            try {
                long size = Files.size(file);
                if (size != entry.size()) {
                    throw new BackupException("backup damaged: " + file + " has " + size + " bytes, "
                            + Manifest.FILE_NAME + " says " + entry.size());
                }
                String sha256 = copier.sha256(file, n -> progress.update(PART, done[0] += n, total));
                if (!sha256.equals(entry.sha256())) {
                    throw new BackupException("backup damaged: " + file + " does not match its SHA-256 in "
                            + Manifest.FILE_NAME);
                }
            } catch (IOException e) {
                throw new BackupException("backup unreadable: " + file + ": " + e.getMessage(), e);
            }
        }
        if (manifest.sections().contains(Section.DATABASE)) {
            Path db = dir.resolve(Section.DATABASE.fileName());
            sqlite.integrityProblem(db).ifPresent(problem -> {
                throw new BackupException("backup damaged: " + db + " fails integrity_check: " + problem);
            });
        }
    }
}
