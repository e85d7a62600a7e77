package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T08:09:10Z"), ZoneOffset.UTC);

    @TempDir
    Path userHome;

    /** Runs the commands in-process with this home and environment (ports nobody listens on). */
    private Result run(String home, String... args) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = Map.of("GOMIKROBOT_HOME", userHome.resolve(home).toString(),
                "MIKROBOT_PORT", Integer.toString(port), "MIKROBOT_DASHBOARD_PORT", Integer.toString(port));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(env, userHome, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        Main main = new Main(Commands.of(List.of(new StatusCommand(), new BackupCommand(), new RestoreCommand())));
        int exit = main.run(List.of(args), ctx);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exit, String out, String err) {
    }

    @Test
    void backupToTheDefaultFolderThenRestoreIntoAFreshHome() throws Exception {
        assertEquals(0, run(".gomikrobot", "status").exit());
        Files.createDirectories(userHome.resolve(".gomikrobot/workspace"));
        Files.writeString(userHome.resolve(".gomikrobot/workspace/SOUL.md"), "# soul\n");

        Result backup = run(".gomikrobot", "backup");
        Path dir = userHome.resolve("gomikrobot-backup-20260301-080910");
        assertEquals(0, backup.exit(), backup.err());
        assertTrue(backup.out().startsWith("backup written to " + dir + "\n"), backup.out());
        assertTrue(backup.out().contains("workspace/"), backup.out());
        assertTrue(backup.out().contains("verified: "), backup.out());
        assertTrue(Files.isRegularFile(dir.resolve("MANIFEST.json")));

        Result restore = run("fresh", "restore", "~/gomikrobot-backup-20260301-080910");
        assertEquals(0, restore.exit(), restore.err());
        assertTrue(restore.out().contains("into " + userHome.resolve("fresh")), restore.out());
        assertEquals("# soul\n", Files.readString(userHome.resolve("fresh/workspace/SOUL.md")));
        assertTrue(Files.isRegularFile(userHome.resolve("fresh/timeline.db")));
    }

    @Test
    void aDamagedBackupExitsOneNamingTheFile() throws Exception {
        assertEquals(0, run(".gomikrobot", "status").exit());
        assertEquals(0, run(".gomikrobot", "backup", userHome.resolve("b").toString()).exit());
        Files.writeString(userHome.resolve("b/config.json"), "{}\n");

        Result restore = run("fresh", "restore", userHome.resolve("b").toString());

        assertEquals(1, restore.exit());
        assertTrue(restore.err().contains("gomikrobot restore: backup damaged: " + userHome.resolve("b/config.json")
                + " has 3 bytes, MANIFEST.json says "), restore.err());
        assertTrue(Files.notExists(userHome.resolve("fresh/timeline.db")));
    }

    @Test
    void aBackupWithoutDatabaseFailsWithOneLine() throws Exception {
        Result backup = run("empty", "backup", userHome.resolve("b").toString());
        assertEquals(1, backup.exit());
        assertTrue(backup.err().contains("gomikrobot backup: nothing to back up: no database at "), backup.err());
        assertTrue(Files.notExists(userHome.resolve("b")));
    }

    @Test
    void restoreWithoutAFolderIsAUsageError() throws Exception {
        Result restore = run(".gomikrobot", "restore");
        assertEquals(2, restore.exit());
        assertTrue(restore.err().startsWith("gomikrobot restore: DIR is required\nusage: gomikrobot restore DIR"), restore.err());
        assertEquals(2, run(".gomikrobot", "backup", "a", "b").exit());
    }
}
