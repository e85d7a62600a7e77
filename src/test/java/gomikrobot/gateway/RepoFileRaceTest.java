package gomikrobot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.observe.Log;
import gomikrobot.testing.FolderSwapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check-then-use race through HTTP: while one thread keeps swapping a repo folder for a link to a folder
 * outside and back, {@value #TRIES} reads of {@code /api/v1/repo/file} on a file in it never serve the outside
 * file, and every refusal is a 4xx (outside 400, missing 404, changed 409), never a 500.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "creating symlinks needs extra privileges there")
class RepoFileRaceTest {
    static final int TRIES = 1000;
    static final String SECRET = "outside-secret-content";

    @TempDir
    Path tmp;

    @Test
    void repoFileNeverServesThroughASwappedFolder() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo/dir")).getParent();
        Files.writeString(repo.resolve("dir/f.txt"), "inside");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("f.txt"), SECRET);
        GitRunner git = new GitRunner(Duration.ofSeconds(20), Log.quiet());
        RepoPaths paths = new RepoApiTest.FixedPaths(Optional.of(repo), Optional.empty(), Optional.empty());
        Map<Integer, Integer> statuses = new TreeMap<>();
        int escapes = 0;
        try (TestServer server = TestServer.start(router -> new RepoApi(paths, git, new WorkRepo(git, Log.quiet()))
                .mount(router)); FolderSwapper swapper = FolderSwapper.start(repo.resolve("dir"), outside)) {
            for (int i = 0; i < TRIES; i++) {
                HttpResponse<String> response = server.get("/api/v1/repo/file?path=dir/f.txt");
                statuses.merge(response.statusCode(), 1, Integer::sum);
                escapes += response.body().contains(SECRET) ? 1 : 0;
            }
            assertTrue(swapper.swaps() > 0, "the folder was never swapped");
        }
        assertEquals(0, escapes, "answers with the outside file; statuses " + statuses);
        assertFalse(statuses.containsKey(500), "statuses " + statuses);
        assertTrue(statuses.getOrDefault(200, 0) > 0, "no read succeeded at all: statuses " + statuses);
    }
}
