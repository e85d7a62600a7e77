package gomikrobot.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T08:09:10Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    private Backup backupOf(Installation inst) {
        return new Backup(inst.paths, CLOCK, "test-1.0", Progress.NONE);
    }

    @Test
    void backupHoldsEverySectionWithSizesAndChecksums() throws Exception {
        Installation inst = new Installation(root, "home", null).populate("a", 3);
        Path dir = root.resolve("out");
        Manifest manifest = backupOf(inst).create(dir);

        assertEquals(Set.of(Section.values()), manifest.sections());
        List<String> names = manifest.files().stream().map(Manifest.Entry::path).sorted().toList();
        assertEquals(List.of("config.json", "timeline.db", "whatsapp/session.json", "workspace/SOUL.md",
                "workspace/media/images/photo.jpg", "workspace/sessions/cli_default.jsonl"), names);
        for (Manifest.Entry e : manifest.files()) {
            byte[] bytes = Files.readAllBytes(dir.resolve(e.path()));
            assertEquals(e.size(), bytes.length, e.path());
            assertEquals(Installation.sha256(bytes), e.sha256(), e.path());
        }
        Manifest reread = Manifest.read(dir);
        assertEquals(manifest, reread);
        assertEquals("test-1.0", reread.appVersion());
        assertEquals(CLOCK.instant(), reread.createdAt());
        assertEquals(Optional.empty(), new SqliteSnapshot().integrityProblem(dir.resolve("timeline.db")));
        assertFalse(Files.exists(dir.resolve("timeline.db-wal")), "the copy is one self-contained file");
    }

    @Test
    void configKeepsItsPrivateModeAndTheBackupFolderIsPrivate() throws Exception {
        Installation inst = new Installation(root, "home", null).populate("a", 1);
        Path dir = root.resolve("out");
        Manifest manifest = backupOf(inst).create(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("config.json"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", manifest.files().stream().filter(e -> e.path().equals("config.json"))
                .findFirst().orElseThrow().mode());
    }

    @Test
    void symbolicLinksInTheWorkspaceAreRecordedAsSkippedAndNeverFollowed() throws Exception {
        Installation inst = new Installation(root, "home", null).populate("a", 1);
        Path secrets = Files.createDirectories(root.resolve("elsewhere"));
        Files.writeString(secrets.resolve("id_rsa"), "PRIVATE KEY");
        Files.createSymbolicLink(inst.paths.workspace().resolve("escape"), secrets);
        Files.createSymbolicLink(inst.paths.workspace().resolve("key"), secrets.resolve("id_rsa"));

        Path dir = root.resolve("out");
        Manifest manifest = backupOf(inst).create(dir);

        assertEquals(List.of("workspace/escape", "workspace/key"),
                manifest.skipped().stream().map(Manifest.Skipped::path).sorted().toList());
        assertTrue(manifest.skipped().stream().allMatch(s -> s.reason().equals(TreeScan.SYMLINK)));
        assertFalse(Files.exists(dir.resolve("workspace/escape")));
        assertFalse(Files.exists(dir.resolve("workspace/key")));
        assertFalse(Installation.snapshot(dir).containsValue(Installation.sha256("PRIVATE KEY".getBytes())));
    }

    @Test
    void workspaceOutsideTheHomeIsBackedUpUnderWorkspace() throws Exception {
        Installation inst = new Installation(root, "home", root.resolve("my-workspace")).populate("a", 1);
        Manifest manifest = backupOf(inst).create(root.resolve("out"));
        assertEquals(root.resolve("my-workspace").toString(), manifest.sourceWorkspace());
        assertTrue(Files.isRegularFile(root.resolve("out/workspace/SOUL.md")));
    }

    @Test
    void workspaceConfiguredAsALinkIsFollowed() throws Exception {
        Path real = Files.createDirectories(root.resolve("disk/ws"));
        Files.writeString(real.resolve("AGENTS.md"), "agents");
        Path link = Files.createSymbolicLink(root.resolve("ws-link"), real);
        Installation inst = new Installation(root, "home", link);
        Files.createDirectories(inst.home);
        inst.populate("a", 1);
        Manifest manifest = backupOf(inst).create(root.resolve("out"));
        assertTrue(manifest.files().stream().anyMatch(e -> e.path().equals("workspace/AGENTS.md")));
    }

    @Test
    void backupInsideTheWorkspaceDoesNotCopyItself() throws Exception {
        Installation inst = new Installation(root, "home", null).populate("a", 1);
        Path dir = inst.paths.workspace().resolve("backups/first");
        Manifest manifest = backupOf(inst).create(dir);
        assertTrue(manifest.files().stream().noneMatch(e -> e.path().startsWith("workspace/backups")),
                manifest.files().toString());
    }

    @Test
    void refusesAFolderThatIsNotEmpty() throws Exception {
        Installation inst = new Installation(root, "home", null).populate("a", 1);
        Path dir = Files.createDirectories(root.resolve("out"));
        Files.writeString(dir.resolve("precious.txt"), "keep me");
        BackupException e = assertThrows(BackupException.class, () -> backupOf(inst).create(dir));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals("keep me", Files.readString(dir.resolve("precious.txt")));
    }

    @Test
    void withoutADatabaseNothingIsWrittenAndTheReasonIsGiven() throws Exception {
        Installation inst = new Installation(root, "home", null);
        Files.createDirectories(inst.home);
        Path dir = root.resolve("out");
        BackupException e = assertThrows(BackupException.class, () -> backupOf(inst).create(dir));
        assertTrue(e.getMessage().contains("no database at " + inst.paths.database()), e.getMessage());
        assertFalse(Files.exists(dir), "a failed backup leaves no folder behind");
    }

    @Test
    void missingOptionalSectionsAreLeftOutOfTheManifest() throws Exception {
        Installation inst = new Installation(root, "home", null).populate("a", 1);
        Files.delete(inst.paths.whatsapp().resolve("session.json"));
        Files.delete(inst.paths.whatsapp());
        Manifest manifest = backupOf(inst).create(root.resolve("out"));
        assertEquals(Set.of(Section.DATABASE, Section.CONFIG, Section.WORKSPACE), manifest.sections());
        assertEquals(List.of("database", "config", "workspace"), Json.parseObject(Files.readString(
                root.resolve("out").resolve(Manifest.FILE_NAME))).strings("sections"));
    }

    @Test
    void newTargetIsNamedAfterTheTimeAndNeverReusesAFolder() throws Exception {
        Installation inst = new Installation(root, "home", null);
        Backup backup = backupOf(inst);
        Path first = backup.newTarget(root);
        assertEquals(root.resolve("gomikrobot-backup-20260301-080910"), first);
        Files.createDirectories(first);
        assertEquals(root.resolve("gomikrobot-backup-20260301-080910-2"), backup.newTarget(root));
    }
}
