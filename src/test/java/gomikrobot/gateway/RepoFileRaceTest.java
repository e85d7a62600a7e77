package gomikrobot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.git.Git;
import gomikrobot.git.RepoCommands;
import gomikrobot.git.RepoPaths;
import gomikrobot.git.WorkRepo;
import gomikrobot.observe.Log;
import gomikrobot.testing.FolderSwapper;
import gomikrobot.testing.SwapScene;
import java.net.http.HttpResponse;
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
 * outside and back, {@value SwapScene#RACE_TRIES} reads of {@code /api/v1/repo/file} on a file in it never serve the outside
 * file, and every refusal is a 4xx (outside 400, missing 404, changed 409), never a 500.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "creating symlinks needs extra privileges there")
class RepoFileRaceTest {
    @TempDir
    Path tmp;

    @Test
    void repoFileNeverServesThroughASwappedFolder() throws Exception {
        SwapScene scene = SwapScene.create(tmp, "repo");
        Git git = new Git(Duration.ofSeconds(20), Log.quiet());
        RepoPaths paths = new RepoApiTest.FixedPaths(Optional.of(scene.root()), Optional.empty(), Optional.empty());
        Map<Integer, Integer> statuses = new TreeMap<>();
        int escapes = 0;
        try (TestServer server = TestServer.start(router -> new RepoApi(paths, new RepoCommands(git, new WorkRepo(git, Log.quiet())))
                .mount(router)); FolderSwapper swapper = scene.startSwapping()) {
            for (int i = 0; i < SwapScene.RACE_TRIES; i++) {
                HttpResponse<String> response = server.get("/api/v1/repo/file?path=dir/f.txt");
                statuses.merge(response.statusCode(), 1, Integer::sum);
                escapes += response.body().contains(SwapScene.OUTSIDE) ? 1 : 0;
            }
            assertTrue(swapper.swaps() > 0, "the folder was never swapped");
        }
        assertEquals(0, escapes, "answers with the outside file; statuses " + statuses);
        assertFalse(statuses.containsKey(500), "statuses " + statuses);
        assertTrue(statuses.getOrDefault(200, 0) > 0, "no read succeeded at all: statuses " + statuses);
    }
}
