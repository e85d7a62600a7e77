package gomikrobot.gateway;

import static gomikrobot.gateway.ApiAssertions.fails;
import static gomikrobot.gateway.ApiAssertions.okObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.git.Git;
import gomikrobot.git.Repos;
import gomikrobot.git.WorkRepo;
import gomikrobot.git.WorkRepoHolder;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        cwd = Files.createDirectories(home.resolve("cwd"));
        Config config = new ConfigLoader(Map.of("GOMIKROBOT_HOME", home.resolve(".gomikrobot").toString()), home).load();
        WorkRepo workRepo = new WorkRepo(new Git(Duration.ofSeconds(20), Log.quiet()), Log.quiet());
        f = new StoreFixture(tmp.resolve("db"), (timeline, router) -> {
            Repos repos = Repos.atStart(config, timeline.settings(), home, Log.quiet());
            holder = repos.workRepoHolder();
            api = new WorkRepoApi(repos, workRepo, timeline.settings(), home, cwd);
            api.mount(router);
            new SettingsApi(timeline.settings(), () -> 0, repos::settingProblem, key -> { }).mount(router);
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
    void aPathThatCannotBeCreatedIs409AndChangesNothing() throws Exception {
        Files.writeString(home.resolve("a-file"), "x");
        var response = f.server.post("/api/v1/workrepo", "{\"path\":\"" + home.resolve("a-file/repo") + "\"}");
        assertEquals(409, response.statusCode(), response.body());
        assertTrue(TestServer.error(response).startsWith("cannot create " + home.resolve("a-file/repo")), response.body());
        assertUnchanged();
    }

    @Test
    void theRootSystemFoldersAndTheHomesParentAreRefusedAndNothingIsCreated() throws Exception {
        for (Path target : List.of(Path.of("/etc"), Path.of("/"), tmp, Path.of("/usr/local/gmb-work-repo"),
                home.resolve(".gomikrobot"))) {
            var response = f.server.post("/api/v1/workrepo", "{\"path\":\"" + target + "\"}");
            assertEquals(400, response.statusCode(), target + ": " + response.body());
            for (String scaffold : List.of("requirements", "tasks", "docs", "memory", ".git")) {
                assertFalse(Files.exists(target.resolve(scaffold)), target.resolve(scaffold) + " was created");
            }
        }
        assertFalse(Files.exists(Path.of("/usr/local/gmb-work-repo")));
        assertUnchanged();
        fails(f.server.post("/api/v1/settings", "{\"key\":\"work_repo_path\",\"value\":\"/etc\"}"), 400,
                "work_repo_path: /etc is in the system folder /etc");
        fails(f.server.post("/api/v1/settings", "{\"key\":\"bot_repo_path\",\"value\":\"/\"}"), 400,
                "bot_repo_path: / is the root folder");
        assertEquals(Optional.empty(), f.timeline.settings().get("bot_repo_path"));
    }

    @Test
    void aFolderWithContentThatIsNotARepositoryNeedsInit() throws Exception {
        Path photos = Files.createDirectories(home.resolve("photos"));
        Files.writeString(photos.resolve("cat.jpg"), "jpeg");
        var refused = f.server.post("/api/v1/workrepo", "{\"path\":\"~/photos\"}");
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals(photos + " is not empty and not a git repository; send {\"init\": true} to make it one",
                TestServer.error(refused));
        try (var entries = Files.list(photos)) {
            assertEquals(List.of(photos.resolve("cat.jpg")), entries.toList());
        }
        assertUnchanged();
        fails(f.server.post("/api/v1/settings", "{\"key\":\"work_repo_path\",\"value\":\"~/photos\"}"), 400,
                "work_repo_path: " + photos + " is not empty and not a git repository");
        okObject(f.server.post("/api/v1/workrepo", "{\"path\":\"~/photos\",\"init\":true}"));
        assertTrue(Files.isDirectory(photos.resolve(".git")));
        assertEquals(photos, holder.current());
    }

    @Test
    void theRepoSettingsAcceptAllowedFoldersAndBlank() throws Exception {
        okObject(f.server.post("/api/v1/settings", "{\"key\":\"bot_repo_path\",\"value\":\"~/identity\"}"));
        okObject(f.server.post("/api/v1/settings", "{\"key\":\"work_repo_path\",\"value\":\"\"}"));
        assertEquals(Optional.of("~/identity"), f.timeline.settings().get("bot_repo_path"));
        assertFalse(Files.exists(home.resolve("identity")), "storing a setting creates nothing");
    }

    private void assertUnchanged() {
        assertEquals(home.resolve("GoMikroBot-Workspace"), holder.current());
        assertEquals(Optional.empty(), f.timeline.settings().get("work_repo_path"));
    }
}
