package gomikrobot.gateway;

import static gomikrobot.gateway.ApiAssertions.fails;
import static gomikrobot.gateway.ApiAssertions.okObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkRepoApiTest {
    @TempDir
    Path tmp;
    private Path home;
    private Path cwd;
    private WorkRepoHolder holder;
    private WorkRepoApi api;
    private StoreFixture f;

    @BeforeEach
    void start() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        cwd = Files.createDirectories(tmp.resolve("cwd"));
        holder = new WorkRepoHolder(home.resolve("GoMikroBot-Workspace"));
        GitRunner git = new GitRunner(Duration.ofSeconds(20), Log.quiet());
        f = new StoreFixture(tmp.resolve("db"), (timeline, router) -> {
            api = new WorkRepoApi(holder, new WorkRepo(git, Log.quiet()), timeline.settings(), home, cwd);
            api.mount(router);
        });
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void getShowsTheLiveWorkRepo() throws Exception {
        assertEquals(home.resolve("GoMikroBot-Workspace").toString(),
                okObject(f.server.get("/api/v1/workrepo")).string("path", ""));
    }

    @Test
    void postEnsuresStoresAndSwitchesAtOnce() throws Exception {
        JsonObject answer = okObject(f.server.post("/api/v1/workrepo", "{\"path\":\"  ~/projects/notes  \"}"));
        Path expected = home.resolve("projects/notes");
        assertEquals(List.of("path", "status"), List.copyOf(answer.asMap().keySet()));
        assertEquals(expected.toString(), answer.string("path", ""));
        assertEquals("ok", answer.string("status", ""));
        for (String sub : List.of("requirements", "tasks", "docs", "memory")) {
            assertTrue(Files.isDirectory(expected.resolve(sub)), sub);
        }
        assertEquals(expected, holder.current());
        assertEquals(Optional.of(expected.toString()), f.timeline.settings().get("work_repo_path"));
        assertEquals(expected.toString(), okObject(f.server.get("/api/v1/workrepo")).string("path", ""));
    }

    @Test
    void normalisesLikeTheOriginal() {
        assertEquals(cwd.resolve("rel/repo"), api.normalize("rel/./repo"));
        assertEquals(home, api.normalize("~"));
        assertEquals(home.resolve("x"), api.normalize("~/x/"));
        assertEquals(Path.of("/Users/me/repo"), api.normalize("pasted: /Users/old /Users/me/repo"));
        assertEquals(Path.of("/Users/me/repo"), api.normalize("/Users/me/repo"));
        assertEquals(Path.of("/abs/path"), api.normalize("/abs/../abs/path"));
    }

    @Test
    void rejectsBlankPathsAndBadBodies() throws Exception {
        fails(f.server.post("/api/v1/workrepo", "{\"path\":\"   \"}"), 400, "path required");
        fails(f.server.post("/api/v1/workrepo", "{}"), 400, "path required");
        fails(f.server.post("/api/v1/workrepo", "{\"path\":42}"), 400, "invalid body");
        fails(f.server.post("/api/v1/workrepo", "{\"path\":\"a\\u0000b\"}"), 400, "invalid path");
        fails(f.server.post("/api/v1/workrepo", ""), 400, "invalid body");
        ApiAssertions.status(f.server.method("DELETE", "/api/v1/workrepo"), 405);
        assertEquals(home.resolve("GoMikroBot-Workspace"), holder.current());
    }

    @Test
    void aPathThatCannotBeCreatedIs500AndChangesNothing() throws Exception {
        Files.writeString(tmp.resolve("a-file"), "x");
        var response = f.server.post("/api/v1/workrepo", "{\"path\":\"" + tmp.resolve("a-file/repo") + "\"}");
        assertEquals(500, response.statusCode(), response.body());
        assertTrue(TestServer.error(response).startsWith("cannot create " + tmp.resolve("a-file/repo")), response.body());
        assertEquals(home.resolve("GoMikroBot-Workspace"), holder.current());
        assertEquals(Optional.empty(), f.timeline.settings().get("work_repo_path"));
    }
}
