package gomikrobot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import gomikrobot.timeline.Database;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupApiTest {
    @TempDir
    Path root;

    private Config config() {
        return new ConfigLoader(Map.of("GOMIKROBOT_HOME", root.resolve("home").toString()), root).load();
    }

    @Test
    void postWritesAVerifiedBackupUnderTheHomeAndAnswersItsPathAndManifest() throws Exception {
        Config config = config();
        Files.createDirectories(config.paths().workspace());
        Files.writeString(config.paths().workspace().resolve("SOUL.md"), "soul");
        try (Database db = Database.open(config.databaseFile(), Log.quiet());
             TestServer server = TestServer.start(r -> BackupApi.forConfig(config, Clock.systemUTC(), "test").mount(r))) {
            HttpResponse<String> first = server.post("/api/v1/backup", "{\"dir\":\"/tmp/elsewhere\"}");
            assertEquals(200, first.statusCode(), first.body());
            JsonObject body = TestServer.json(first);
            Path path = Path.of(body.string("path", ""));
            assertEquals(config.home().resolve("backups"), path.getParent(), "the caller never chooses the folder");
            assertTrue(path.getFileName().toString().startsWith("gomikrobot-backup-"));
            assertTrue(Files.isRegularFile(path.resolve("MANIFEST.json")));
            List<String> files = body.object("manifest").array("files").stream()
                    .map(f -> JsonObject.of((Map<?, ?>) f).string("path", "")).toList();
            assertTrue(files.containsAll(List.of("timeline.db", "workspace/SOUL.md")), files.toString());

            HttpResponse<String> second = server.post("/api/v1/backup", "");
            assertEquals(200, second.statusCode(), second.body());
            assertNotEquals(body.string("path", ""), TestServer.json(second).string("path", ""));
        }
    }

    @Test
    void onlyPostIsAllowed() throws Exception {
        Config config = config();
        try (TestServer server = TestServer.start(r -> BackupApi.forConfig(config, Clock.systemUTC(), "test").mount(r))) {
            HttpResponse<String> get = server.get("/api/v1/backup");
            assertEquals(405, get.statusCode()); // a backup is a change: never on GET
            assertTrue(Files.notExists(config.home().resolve("backups")));
        }
    }

    @Test
    void aFailedBackupIs500WithItsReasonAndLeavesNoFolder() throws Exception {
        Config config = config();
        try (TestServer server = TestServer.start(r -> BackupApi.forConfig(config, Clock.systemUTC(), "test").mount(r))) {
            HttpResponse<String> response = server.post("/api/v1/backup", "");
            assertEquals(500, response.statusCode());
            assertEquals("nothing to back up: no database at " + config.databaseFile(), TestServer.error(response));
            try (var left = Files.list(config.home().resolve("backups"))) {
                assertEquals(0, left.count());
            }
        }
    }
}
