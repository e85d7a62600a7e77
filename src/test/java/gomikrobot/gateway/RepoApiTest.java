package gomikrobot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.git.Git;
import gomikrobot.git.RepoCommands;
import gomikrobot.git.RepoPaths;
import gomikrobot.git.WorkRepo;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import gomikrobot.testing.GitFixture;
import java.net.http.HttpResponse;
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

class RepoApiTest {
    @TempDir
    Path tmp;
    private Path work;
    private Path identity;
    private TestServer server;

    /** Hand-written RepoPaths: fixed answers. */
    record FixedPaths(Optional<Path> workRepo, Optional<Path> identityRepo, Optional<Path> searchRoot)
            implements RepoPaths {
    }

    @BeforeEach
    void start() throws Exception {
        work = GitFixture.init(Files.createDirectories(tmp.resolve("repos/work")));
        Files.writeString(work.resolve("README.md"), "# Work\n");
        Files.createDirectories(work.resolve("docs/deep"));
        Files.writeString(work.resolve("docs/b.md"), "b\n");
        Files.writeString(work.resolve("docs/a.md"), "a\n");
        Files.writeString(work.resolve("docs/deep/c.txt"), "c\n");
        GitFixture.commitAll(work, "first commit");
        identity = GitFixture.init(Files.createDirectories(tmp.resolve("repos/identity")));
        Files.writeString(identity.resolve("SOUL.md"), "be kind\n");
        GitFixture.commitAll(identity, "soul");
        Files.createDirectories(tmp.resolve("repos/plain"));
        Files.writeString(tmp.resolve("secret.txt"), "do-not-serve");
        serve(new FixedPaths(Optional.of(work), Optional.of(identity), Optional.of(tmp.resolve("repos"))));
    }

    private void serve(RepoPaths paths) throws Exception {
        if (server != null) {
            server.close();
        }
        Git git = new Git(Duration.ofSeconds(20), Log.quiet());
        server = TestServer.start(router -> new RepoApi(paths, new RepoCommands(git, new WorkRepo(git, Log.quiet())))
                .mount(router));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonObject ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        return TestServer.json(response);
    }

    private void fails(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(error, TestServer.error(response));
    }

    @Test
    void treeListsEntriesDepthFirstByNameWithoutGit() throws Exception {
        HttpResponse<String> response = server.get("/api/v1/repo/tree");
        assertEquals(200, response.statusCode());
        List<Object> items = gomikrobot.json.Json.parse(response.body()) instanceof List<?> l ? List.copyOf(l) : List.of();
        List<String> paths = items.stream().map(i -> (String) ((Map<?, ?>) i).get("path")).toList();
        assertEquals(List.of("README.md", "docs", "docs/a.md", "docs/b.md", "docs/deep", "docs/deep/c.txt"), paths);
        Map<?, ?> deep = (Map<?, ?>) items.get(5);
        assertEquals(List.of("path", "name", "type", "depth", "size"), List.copyOf(deep.keySet()));
        assertEquals("c.txt", deep.get("name"));
        assertEquals("file", deep.get("type"));
        assertEquals(2L, deep.get("depth"));
        assertEquals(2L, deep.get("size"));
        assertEquals("dir", ((Map<?, ?>) items.get(1)).get("type"));
    }

    @Test
    void treeOfSubFolderAndEscapes() throws Exception {
        assertTrue(server.get("/api/v1/repo/tree?path=docs/deep").body().contains("\"path\":\"docs/deep/c.txt\""));
        fails(server.get("/api/v1/repo/tree?path=../.."), 400, "path outside repo");
        fails(server.get("/api/v1/repo/tree?path=README.md"), 400,
                "not a folder: README.md (GET /api/v1/repo/file?path=README.md reads a file)");
    }

    @Test
    void fileReturnsContentAndPath() throws Exception {
        JsonObject body = ok(server.get("/api/v1/repo/file?path=%20docs/a.md%20"));
        assertEquals("a\n", body.string("content", ""));
        assertEquals("docs/a.md", body.string("path", ""));
    }

    @Test
    void fileOutsideRepoIsRefused() throws Exception {
        fails(server.get("/api/v1/repo/file?path=../../etc/passwd"), 400, "path outside repo");
        fails(server.get("/api/v1/repo/file?path=../../secret.txt"), 400, "path outside repo");
        fails(server.get("/api/v1/repo/file?path=/etc/passwd"), 400, "path outside repo");
        fails(server.get("/api/v1/repo/file"), 400, "path required");
    }

    @Test
    void missingPathIs404NotAFolderIs400AndBackslashIsRefused() throws Exception {
        fails(server.get("/api/v1/repo/file?path=docs/missing.md"), 404,
                "no such file or folder: docs/missing.md (GET /api/v1/repo/tree lists what exists)");
        fails(server.get("/api/v1/repo/tree?path=no/such/folder"), 404,
                "no such file or folder: no/such/folder (GET /api/v1/repo/tree lists what exists)");
        fails(server.get("/api/v1/repo/tree?path=README.md/x"), 400,
                "not a folder: README.md/x (GET /api/v1/repo/file?path=README.md/x reads a file)");
        for (String route : List.of("file", "tree", "diff-file", "diff")) {
            fails(server.get("/api/v1/repo/" + route + "?path=docs%5Ca.md"), 400,
                    "a backslash is not a path separator here; use /: docs\\a.md");
        }
    }

    @Test
    void missingRepoFolderIs404WithWhatToDo() throws Exception {
        Path gone = tmp.resolve("repos/gone");
        serve(new FixedPaths(Optional.of(gone), Optional.empty(), Optional.empty()));
        fails(server.get("/api/v1/repo/tree"), 404, "repo folder not found: " + gone + " (POST /api/v1/repo/init creates it)");
        fails(server.get("/api/v1/repo/file?path=a.md"), 404,
                "repo folder not found: " + gone + " (POST /api/v1/repo/init creates it)");
    }

    @Test
    void linksInsideTheRepoAreReadAsTheirTargetButNeverWalkedInto() throws Exception {
        Files.createSymbolicLink(work.resolve("notes.md"), work.resolve("docs/a.md"));
        Files.createSymbolicLink(work.resolve("docs-link"), work.resolve("docs"));
        assertEquals("a\n", ok(server.get("/api/v1/repo/file?path=notes.md")).string("content", ""));
        assertEquals("a\n", ok(server.get("/api/v1/repo/file?path=docs-link/a.md")).string("content", ""));
        String tree = server.get("/api/v1/repo/tree").body();
        assertTrue(tree.contains("\"path\":\"docs-link\",\"name\":\"docs-link\",\"type\":\"file\""), tree);
        assertFalse(tree.contains("docs-link/"), tree);
    }

    @Test
    void symlinkPointingOutOfRepoIsRefused() throws Exception {
        Files.createSymbolicLink(work.resolve("leak.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(work.resolve("leakdir"), tmp);
        HttpResponse<String> response = server.get("/api/v1/repo/file?path=leak.txt");
        fails(response, 400, "path outside repo");
        fails(server.get("/api/v1/repo/file?path=leakdir/secret.txt"), 400, "path outside repo");
        fails(server.get("/api/v1/repo/tree?path=leakdir"), 400, "path outside repo");
        assertFalse(server.get("/api/v1/repo/tree").body().contains("do-not-serve"));
    }

    @Test
    void binaryAndLargeFilesAreSummarised() throws Exception {
        Files.write(work.resolve("blob.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        Files.writeString(work.resolve("big.txt"), "x".repeat(RepoFiles.MAX_FILE_BYTES + 10));
        assertEquals("[binary file]", ok(server.get("/api/v1/repo/file?path=blob.bin")).string("content", ""));
        String big = ok(server.get("/api/v1/repo/file?path=big.txt")).string("content", "");
        assertEquals("x".repeat(RepoFiles.MAX_FILE_BYTES) + "\n... (truncated)", big);
        fails(server.get("/api/v1/repo/file?path=docs"), 400,
                "not a file: docs is a folder (GET /api/v1/repo/tree?path=docs lists it)");
    }

    @Test
    void statusReportsBranchAndRemotes() throws Exception {
        GitFixture.git(work, "remote", "add", "origin", "https://example.invalid/work.git");
        JsonObject body = ok(server.get("/api/v1/repo/status"));
        assertTrue(body.string("status", "").startsWith("## "), body.toString());
        assertTrue(body.string("remote", "").contains("https://example.invalid/work.git"), body.toString());
    }

    @Test
    void statusOfNonRepoIs200WithError() throws Exception {
        serve(new FixedPaths(Optional.of(tmp.resolve("repos/plain")), Optional.empty(), Optional.empty()));
        JsonObject body = ok(server.get("/api/v1/repo/status"));
        assertEquals("", body.string("status", "x"));
        String error = body.string("error", "");
        assertTrue(error.startsWith("git status -sb failed: ") && error.contains("not a git repository"), error);
    }

    @Test
    void identityRepoIsSelectedByQuery() throws Exception {
        JsonObject body = ok(server.get("/api/v1/repo/file?repo=identity&path=SOUL.md"));
        assertEquals("be kind\n", body.string("content", ""));
        assertEquals(List.of("soul"), commitSubjects(ok(server.get("/api/v1/repo/log?repo=identity"))));
        serve(new FixedPaths(Optional.of(work), Optional.empty(), Optional.empty()));
        HttpResponse<String> unconfigured = server.get("/api/v1/repo/log?repo=identity");
        assertEquals(409, unconfigured.statusCode());
        assertTrue(TestServer.error(unconfigured).startsWith("identity repo not configured: set paths.systemRepoPath"),
                unconfigured.body());
    }

    @Test
    void logHonoursAndValidatesLimit() throws Exception {
        Files.writeString(work.resolve("README.md"), "# Work v2\n");
        GitFixture.commitAll(work, "second commit");
        assertEquals(List.of("second commit", "first commit"), commitSubjects(ok(server.get("/api/v1/repo/log"))));
        assertEquals(List.of("second commit"), commitSubjects(ok(server.get("/api/v1/repo/log?limit=1"))));
        for (String bad : List.of("0", "1001", "-5", "abc", "10%3Brm")) {
            fails(server.get("/api/v1/repo/log?limit=" + bad), 400, "limit must be an integer from 1 to 1000");
        }
    }

    @Test
    void branchesListsLocalBranches() throws Exception {
        GitFixture.git(work, "branch", "feature/x");
        List<Object> branches = ok(server.get("/api/v1/repo/branches")).array("branches");
        assertTrue(branches.contains("feature/x") && branches.size() == 2, branches.toString());
    }

    @Test
    void diffShowsChangesForRepoAndFile() throws Exception {
        Files.writeString(work.resolve("docs/a.md"), "a changed\n");
        assertTrue(ok(server.get("/api/v1/repo/diff")).string("diff", "").contains("+a changed"));
        assertTrue(ok(server.get("/api/v1/repo/diff-file?path=docs/a.md")).string("diff", "").contains("+a changed"));
        assertEquals("", ok(server.get("/api/v1/repo/diff?path=docs/b.md")).string("diff", "x"));
        fails(server.get("/api/v1/repo/diff-file?path=../../secret.txt"), 400, "path outside repo");
        fails(server.get("/api/v1/repo/diff-file"), 400, "path required");
    }

    @Test
    void commitLandsInHistory() throws Exception {
        Files.writeString(work.resolve("notes.md"), "new\n");
        JsonObject body = ok(server.post("/api/v1/repo/commit", "{\"message\":\"  Add notes  \"}"));
        assertTrue(body.string("result", "").contains("Add notes"), body.toString());
        assertEquals("Add notes\n", GitFixture.git(work, "log", "-1", "--format=%s"));
        assertEquals("", GitFixture.git(work, "status", "--porcelain"));
    }

    @Test
    void commitWithNothingToCommitIs409WithGitsOutput() throws Exception {
        HttpResponse<String> response = server.post("/api/v1/repo/commit", "{\"message\":\"noop\"}");
        assertEquals(409, response.statusCode());
        String error = TestServer.error(response);
        assertTrue(error.startsWith("git commit -m noop failed: ") && error.contains("nothing to commit"), error);
    }

    @Test
    void mutatingRoutesRequirePost() throws Exception {
        for (String route : List.of("checkout", "commit", "pull", "push", "init", "pr")) {
            fails(server.get("/api/v1/repo/" + route), 405, "method not allowed");
        }
        fails(server.post("/api/v1/repo/status", "{}"), 405, "method not allowed");
        fails(server.get("/api/v1/repo/unknown"), 404, "not found");
    }

    @Test
    void missingOrInvalidBodiesAre400() throws Exception {
        fails(server.post("/api/v1/repo/commit", ""), 400, "invalid body");
        fails(server.post("/api/v1/repo/commit", "{\"message\":5}"), 400, "invalid body");
        fails(server.post("/api/v1/repo/commit", "{}"), 400, "message required");
        fails(server.post("/api/v1/repo/checkout", "{\"branch\":\" \"}"), 400, "branch required");
        fails(server.post("/api/v1/repo/checkout", "{\"branch\":\"--orphan\"}"), 400, "invalid branch");
        fails(server.post("/api/v1/repo/init", ""), 400, "invalid body");
        fails(server.post("/api/v1/repo/pr", "{\"title\":\"  \"}"), 400, "title required");
    }

    @Test
    void checkoutSwitchesBranch() throws Exception {
        GitFixture.git(work, "branch", "topic");
        ok(server.post("/api/v1/repo/checkout", "{\"branch\":\" topic \"}"));
        assertEquals("topic\n", GitFixture.git(work, "rev-parse", "--abbrev-ref", "HEAD"));
        HttpResponse<String> missing = server.post("/api/v1/repo/checkout", "{\"branch\":\"nope\"}");
        assertEquals(409, missing.statusCode());
        assertTrue(TestServer.error(missing).startsWith("git checkout nope failed: "));
    }

    @Test
    void pullAndPushWithoutRemoteFailWithoutWaitingForCredentials() throws Exception {
        HttpResponse<String> push = server.post("/api/v1/repo/push", "");
        assertEquals(409, push.statusCode());
        assertTrue(TestServer.error(push).startsWith("git push failed: "), push.body());
        HttpResponse<String> pull = server.post("/api/v1/repo/pull", "");
        assertEquals(409, pull.statusCode());
        assertTrue(TestServer.error(pull).startsWith("git pull --ff-only failed: "), pull.body());
    }

    @Test
    void initCreatesRepoFoldersAndSetsOrigin() throws Exception {
        Path fresh = tmp.resolve("fresh/work");
        serve(new FixedPaths(Optional.of(fresh), Optional.empty(), Optional.empty()));
        JsonObject body = ok(server.post("/api/v1/repo/init", "{\"remote_url\":\"https://example.invalid/new.git\"}"));
        assertEquals("ok", body.string("status", ""));
        for (String sub : List.of(".git", "requirements", "tasks", "docs", "memory")) {
            assertTrue(Files.isDirectory(fresh.resolve(sub)), sub);
        }
        assertTrue(GitFixture.git(fresh, "remote", "-v").contains("https://example.invalid/new.git"));
        ok(server.post("/api/v1/repo/init", "{\"remote_url\":\"https://example.invalid/other.git\"}"));
        assertTrue(GitFixture.git(fresh, "remote", "-v").contains("other.git"), "origin is replaced");
        ok(server.post("/api/v1/repo/init", "{}"));
    }

    @Test
    void searchListsSubfoldersThatAreRepos() throws Exception {
        JsonObject body = ok(server.get("/api/v1/repo/search"));
        assertEquals(List.of(identity.toString(), work.toString()), body.strings("repos"));
        assertEquals(tmp.resolve("repos").toString(), body.string("root", ""));
        serve(new FixedPaths(Optional.of(work), Optional.empty(), Optional.empty()));
        assertEquals("{\"repos\":[],\"root\":\"\"}\n", server.get("/api/v1/repo/search").body());
        serve(new FixedPaths(Optional.of(work), Optional.empty(), Optional.of(tmp.resolve("missing"))));
        assertEquals(List.of(), ok(server.get("/api/v1/repo/search")).strings("repos"));
    }

    @Test
    void ghAuthAnswers200EitherWay() throws Exception {
        JsonObject body = ok(server.get("/api/v1/repo/gh-auth"));
        String status = body.string("status", "");
        assertTrue(status.equals("ok") || status.equals("not_authenticated"), status);
        if (status.equals("not_authenticated")) {
            assertTrue(body.string("detail", "").startsWith("gh auth status -h github.com failed: "), body.toString());
        }
    }

    @Test
    void pullRequestFailureCarriesTheCommandLine() throws Exception {
        HttpResponse<String> response = server.post("/api/v1/repo/pr",
                "{\"title\":\"T\",\"body\":\"B\",\"base\":\"main\",\"head\":\"\",\"draft\":true}");
        // 409: gh refused (no login, no GitHub remote in a test repo); 503: gh is not installed here
        assertTrue(response.statusCode() == 409 || response.statusCode() == 503, response.body());
        assertTrue(TestServer.error(response).startsWith("gh pr create --title T --body B --base main --draft failed: "),
                response.body());
    }

    @Test
    void gitRefusalsAre409WithGitsOwnLineNeverA500() throws Exception {
        Path empty = GitFixture.init(Files.createDirectories(tmp.resolve("repos/empty")));
        GitFixture.git(empty, "config", "user.name", ""); // no identity, whatever the machine's global config says
        Files.writeString(empty.resolve("draft.md"), "x\n");
        serve(new FixedPaths(Optional.of(empty), Optional.empty(), Optional.empty()));
        Map<String, HttpResponse<String>> cases = Map.of(
                "does not have any commits yet", server.get("/api/v1/repo/log"),
                "did not match any file(s) known to git", server.post("/api/v1/repo/checkout", "{\"branch\":\"nope\"}"),
                "No configured push destination", server.post("/api/v1/repo/push", ""),
                "empty ident name", server.post("/api/v1/repo/commit", "{\"message\":\"first\"}"),
                "identity repo not configured", server.get("/api/v1/repo/branches?repo=identity"));
        cases.forEach((gitsWords, response) -> {
            assertEquals(409, response.statusCode(), response.body());
            assertTrue(TestServer.error(response).contains(gitsWords), response.body());
        });
    }

    @Test
    void aMissingRepoFolderIs409AndInitOverAFileIs409() throws Exception {
        Path file = Files.writeString(tmp.resolve("repos/a-file"), "x");
        serve(new FixedPaths(Optional.of(tmp.resolve("repos/gone")), Optional.empty(), Optional.empty()));
        HttpResponse<String> log = server.get("/api/v1/repo/log");
        assertEquals(409, log.statusCode());
        assertTrue(TestServer.error(log).contains("does not exist"), log.body());
        serve(new FixedPaths(Optional.of(file), Optional.empty(), Optional.empty()));
        HttpResponse<String> init = server.post("/api/v1/repo/init", "{}");
        assertEquals(409, init.statusCode());
        assertTrue(TestServer.error(init).contains("is a file, not a folder"), init.body());
    }

    private static List<String> commitSubjects(JsonObject log) {
        return log.strings("commits").stream().map(line -> line.substring(line.indexOf(' ') + 1)).toList();
    }
}
