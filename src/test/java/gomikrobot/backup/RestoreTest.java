package gomikrobot.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreTest {
    @TempDir
    Path root;

    private Path backupOf(Installation inst) {
        Path dir = root.resolve("backup");
        new Backup(inst.paths, Clock.systemUTC(), "test", Progress.NONE).create(dir);
        return dir;
    }

    private static Restore restoreInto(Installation inst) {
        return new Restore(inst.paths, PortProbe.of(inst.config.gateway()), Progress.NONE);
    }

    @Test
    void restoreIntoAFreshHomeBringsBackEverySection() throws Exception {
        Installation source = new Installation(root, "old", null).populate("old", 4);
        Path dir = backupOf(source);
        Installation fresh = new Installation(root, "fresh", root.resolve("fresh-workspace"));
        Map<String, String> backupBefore = Installation.snapshot(dir);

        Restore.Restored restored = restoreInto(fresh).run(dir, false);

        assertEquals(source.taskKeys(), fresh.taskKeys());
        assertEquals(Files.readString(source.paths.config()), Files.readString(fresh.paths.config()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.paths.config())));
        assertEquals(Installation.snapshot(source.paths.whatsapp()), Installation.snapshot(fresh.paths.whatsapp()));
        assertEquals(Installation.snapshot(source.paths.workspace()), Installation.snapshot(fresh.paths.workspace()));
        assertTrue(restored.keptAside().isEmpty());
        assertEquals(backupBefore, Installation.snapshot(dir), "the backup is read, never changed");
    }

    @Test
    void replacedDataIsRemovedAfterSuccessUnlessAskedToKeepIt() throws Exception {
        Installation inst = new Installation(root, "home", null).populate("old", 2);
        Path dir = backupOf(inst);
        Files.writeString(inst.paths.workspace().resolve("SOUL.md"), "# changed since the backup\n");
        Files.writeString(inst.paths.workspace().resolve("new-note.md"), "written after the backup");

        Restore.Restored restored = restoreInto(inst).run(dir, true);

        assertEquals("# Soul of old\n", Files.readString(inst.paths.workspace().resolve("SOUL.md")));
        assertFalse(Files.exists(inst.paths.workspace().resolve("new-note.md")), "the workspace is the backup's");
        Path keptWorkspace = inst.paths.workspace().resolveSibling("workspace.before-restore");
        assertTrue(restored.keptAside().contains(keptWorkspace), restored.keptAside().toString());
        assertEquals("written after the backup", Files.readString(keptWorkspace.resolve("new-note.md")));

        BackupException leftover = assertThrows(BackupException.class, () -> restoreInto(inst).run(dir, false));
        assertTrue(leftover.getMessage().contains("workspace.before-restore"), leftover.getMessage());

        for (Path p : restored.keptAside()) {
            TreeRemover.delete(p);
        }
        assertTrue(restoreInto(inst).run(dir, false).keptAside().isEmpty());
        try (var files = Files.list(inst.home)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(SetAside.SUFFIX)));
        }
    }

    @Test
    void oneCorruptByteIsRefusedNamingTheFileAndTheCurrentDataIsUntouched() throws Exception {
        Installation inst = new Installation(root, "home", null).populate("backed-up", 2);
        Path dir = backupOf(inst);
        Installation current = new Installation(root, "current", null).populate("current", 3);
        Map<String, String> before = Installation.snapshot(current.home);
        Path photo = dir.resolve("workspace/media/images/photo.jpg");
        byte[] bytes = Files.readAllBytes(photo);
        bytes[2] ^= 0x01;
        Files.write(photo, bytes);

        BackupException e = assertThrows(BackupException.class, () -> restoreInto(current).run(dir, false));

        assertTrue(e.getMessage().contains(photo.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertEquals(before, Installation.snapshot(current.home));
    }

    @Test
    void aCorruptDatabaseCopyIsRefused() throws Exception {
        Installation inst = new Installation(root, "home", null).populate("a", 2);
        Path dir = backupOf(inst);
        Installation current = new Installation(root, "current", null).populate("current", 1);
        Map<String, String> before = Installation.snapshot(current.home);
        Path db = dir.resolve("timeline.db");
        byte[] bytes = Files.readAllBytes(db);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(db, bytes);

        BackupException e = assertThrows(BackupException.class, () -> restoreInto(current).run(dir, false));
        assertTrue(e.getMessage().contains(db.toString()), e.getMessage());
        assertEquals(before, Installation.snapshot(current.home));
    }

    @Test
    void aPartialBackupIsRefusedNamingTheMissingFile() throws Exception {
        Installation inst = new Installation(root, "home", null).populate("a", 1);
        Path dir = backupOf(inst);
        Installation current = new Installation(root, "current", null).populate("current", 1);
        Map<String, String> before = Installation.snapshot(current.home);
        Files.delete(dir.resolve("whatsapp/session.json"));

        BackupException e = assertThrows(BackupException.class, () -> restoreInto(current).run(dir, false));
        assertEquals("backup incomplete: " + dir.resolve("whatsapp/session.json") + " is missing", e.getMessage());
        assertEquals(before, Installation.snapshot(current.home));
    }

    @Test
    void aFolderWithoutManifestIsNotABackup() throws Exception {
        Installation current = new Installation(root, "current", null).populate("current", 1);
        Path dir = Files.createDirectories(root.resolve("random"));
        BackupException e = assertThrows(BackupException.class, () -> restoreInto(current).run(dir, false));
        assertTrue(e.getMessage().startsWith("not a backup: "), e.getMessage());
    }

    @Test
    void refusesWhileAGatewayListensOnAConfiguredPort() throws Exception {
        Installation inst = new Installation(root, "home", null).populate("a", 1);
        Path dir = backupOf(inst);
        Map<String, String> before = Installation.snapshot(inst.home);
        try (ServerSocket gateway = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PortProbe probe = new PortProbe("127.0.0.1", List.of(Installation.closedPort(), gateway.getLocalPort()),
                    Duration.ofMillis(500));
            Restore restore = new Restore(inst.paths, probe, Progress.NONE);
            BackupException e = assertThrows(BackupException.class, () -> restore.run(dir, false));
            assertEquals("a gateway is running on 127.0.0.1:" + gateway.getLocalPort()
                    + "; stop it before restoring (nothing was changed)", e.getMessage());
        }
        assertEquals(before, Installation.snapshot(inst.home));
    }

    @Test
    void portProbeOnAWildcardHostLooksAtLoopback() throws Exception {
        try (ServerSocket gateway = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(new PortProbe("0.0.0.0", List.of(gateway.getLocalPort()), Duration.ofMillis(500))
                    .firstListening().isPresent());
        }
        assertTrue(new PortProbe("127.0.0.1", List.of(Installation.closedPort()), Duration.ofMillis(500))
                .firstListening().isEmpty());
    }

    @Test
    void aFailureWhileCopyingPutsTheCurrentDataBack() throws Exception {
        Installation inst = new Installation(root, "home", null).populate("backed-up", 2);
        Path dir = backupOf(inst);
        Files.writeString(root.resolve("not-a-folder"), "a file where the workspace's parent should be");
        // the same home, once with a usable workspace to fill it, once configured so the workspace cannot be made
        Installation populated = new Installation(root, "current", null).populate("current", 3);
        Installation current = new Installation(root, "current", root.resolve("not-a-folder/workspace"));
        Map<String, String> before = Installation.snapshot(current.home);
        assertNotEquals(before, Map.of());

        BackupException e = assertThrows(BackupException.class, () -> restoreInto(current).run(dir, false));

        assertTrue(e.getMessage().startsWith("restore failed, your data is as it was"), e.getMessage());
        assertEquals(before, Installation.snapshot(current.home));
        assertEquals(3, populated.taskKeys().size());
    }

    @Test
    void sectionsTheBackupDoesNotHoldAreLeftAlone() throws Exception {
        Installation inst = new Installation(root, "home", null).populate("a", 1);
        TreeRemover.delete(inst.paths.whatsapp());
        Path dir = backupOf(inst);
        Installation current = new Installation(root, "current", null).populate("current", 1);
        Map<String, String> whatsappBefore = Installation.snapshot(current.paths.whatsapp());

        restoreInto(current).run(dir, false);

        assertEquals(whatsappBefore, Installation.snapshot(current.paths.whatsapp()));
        assertEquals(inst.taskKeys(), current.taskKeys());
    }

    @Test
    void aBackupKeptInsideTheWorkspaceItReplacesIsRefused() throws Exception {
        Installation inst = new Installation(root, "home", null).populate("a", 1);
        Path dir = inst.paths.workspace().resolve("backups/b1");
        new Backup(inst.paths, Clock.systemUTC(), "test", Progress.NONE).create(dir);
        BackupException e = assertThrows(BackupException.class, () -> restoreInto(inst).run(dir, false));
        assertTrue(e.getMessage().contains("move the backup elsewhere"), e.getMessage());
    }
}
