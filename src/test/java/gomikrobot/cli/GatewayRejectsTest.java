package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real gateway refuses bad input with a 4xx JSON error and reveals nothing outside its roots: traversal
 * in repo and media paths, symlinks out of the repo, malformed JSON, oversized bodies, cross-origin writes and
 * foreign Host headers (DNS rebinding).
 */
class GatewayRejectsTest {
    @TempDir
    static Path dir;
    static LiveGateway gw;
    static final Http http = new Http();

    @BeforeAll
    static void start() throws Exception {
        gw = LiveGateway.start(dir, Map.of());
        Files.createSymbolicLink(gw.workRepo.resolve("leak.txt"), gw.secretFile);
        Files.createSymbolicLink(gw.workRepo.resolve("outside"), dir);
        Files.createSymbolicLink(gw.workspace.resolve("media/leak.jpg"), gw.secretFile);
        Files.writeString(gw.home.resolve("config.json.bak"), "not to be served");
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    /** A bad request, and the status and error text it must get. */
    record Case(String method, boolean api, String path, String body, int status, String error) {
        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + body) + " -> " + status;
        }
    }

    static Case bad(String method, String path, String body, int status, String error) {
        return new Case(method, false, path, body, status, error);
    }

    static Stream<Case> invalidInput() {
        return Stream.of(
                bad("GET", "/api/v1/repo/file?path=../../etc/passwd", null, 400, "path outside repo"),
                bad("GET", "/api/v1/repo/file?path=/etc/passwd", null, 400, "path outside repo"),
                bad("GET", "/api/v1/repo/file?path=..%2fsecret.txt", null, 400, "path outside repo"),
                bad("GET", "/api/v1/repo/file", null, 400, "path required"),
                bad("GET", "/api/v1/repo/file?path=../secret.txt&repo=identity", null, 400, "path outside repo"),
                bad("GET", "/api/v1/repo/tree?path=../..", null, 400, "path outside repo"),
                bad("GET", "/api/v1/repo/diff-file?path=../secret.txt", null, 400, "path outside repo"),
                bad("GET", "/api/v1/repo/diff-file", null, 400, "path required"),
                bad("GET", "/api/v1/repo/diff?path=../../etc", null, 400, "path outside repo"),
                bad("GET", "/api/v1/repo/log?limit=0", null, 400, "limit"),
                bad("GET", "/api/v1/repo/log?limit=--all", null, 400, "limit"),
                bad("GET", "/api/v1/timeline?limit=0", null, 400, "limit"),
                bad("GET", "/api/v1/timeline?limit=1001", null, 400, "limit"),
                bad("GET", "/api/v1/timeline?limit=ten", null, 400, "limit"),
                bad("GET", "/api/v1/timeline?offset=-1", null, 400, "offset"),
                bad("GET", "/api/v1/timeline?authorized=maybe", null, 400, "authorized"),
                bad("GET", "/api/v1/trace/%20", null, 400, "trace_id required"),
                bad("GET", "/api/v1/policy-decisions", null, 400, "trace_id required"),
                bad("POST", "/api/v1/settings", "{\"key\":", 400, "invalid body"),
                bad("POST", "/api/v1/settings", "[\"key\",\"value\"]", 400, "invalid body"),
                bad("POST", "/api/v1/settings", "{\"key\":\"k\",\"value\":true}", 400, "invalid body"),
                bad("POST", "/api/v1/settings", "", 400, "invalid body"),
                bad("POST", "/api/v1/settings", "{\"key\":\"  \",\"value\":\"v\"}", 400, "key required"),
                bad("POST", "/api/v1/workrepo", "{}", 400, "path required"),
                bad("POST", "/api/v1/workrepo", "{\"path\":42}", 400, "invalid body"),
                bad("POST", "/api/v1/webusers", "{\"name\":\" \"}", 400, "name is required"),
                bad("POST", "/api/v1/webusers", "{\"name\":\"" + "x".repeat(101) + "\"}", 400, "at most"),
                bad("POST", "/api/v1/webusers/force", "{\"web_user_id\":\"1\",\"force_send\":true}", 400, "invalid body"),
                bad("POST", "/api/v1/webusers/force", "{\"force_send\":true}", 400, "web_user_id required"),
                bad("GET", "/api/v1/weblinks?web_user_id=abc", null, 400, "invalid web_user_id"),
                bad("POST", "/api/v1/weblinks", "{\"web_user_id\":1,\"whatsapp_jid\":\"a b\"}", 400, "invalid whatsapp_jid"),
                bad("POST", "/api/v1/webchat/send", "{\"web_user_id\":999999,\"message\":\"hi\"}", 400, "web user not found"),
                bad("POST", "/api/v1/webchat/send", "{\"web_user_id\":1,\"message\":\"  \"}", 400, "required"),
                bad("GET", "/api/v1/tasks?limit=ten", null, 400, "limit"),
                bad("GET", "/api/v1/tasks?limit=0", null, 400, "limit"),
                bad("GET", "/api/v1/tasks/no-such-task", null, 404, "task not found"),
                bad("POST", "/api/v1/repo/checkout", "{\"branch\":\"--orphan=x\"}", 400, "invalid branch"),
                bad("POST", "/api/v1/repo/checkout", "{}", 400, "branch required"),
                bad("POST", "/api/v1/repo/checkout", "not json", 400, "invalid body"),
                bad("POST", "/api/v1/repo/commit", "{\"message\":\"  \"}", 400, "message required"),
                bad("POST", "/api/v1/repo/init", "{\"remote_url\":\"--upload-pack=touch /tmp/x\"}", 400, "invalid remote_url"),
                bad("POST", "/api/v1/repo/pr", "{\"title\":\"\"}", 400, "title required"),
                bad("GET", "/api/v1/repo/push", null, 405, "method not allowed"),
                bad("POST", "/api/v1/status", "{}", 405, "method not allowed"),
                bad("GET", "/api/v1/backup", null, 405, "method not allowed"),
                bad("GET", "/api/v1/no-such-route", null, 404, "not found"),
                bad("GET", "/media/missing.jpg", null, 404, "not found"),
                bad("GET", "/media/", null, 404, "not found"),
                bad("GET", "/media/leak.jpg", null, 404, "not found"),
                bad("GET", "/media/..%2f..%2fconfig.json", null, 404, "not found"),
                bad("GET", "/media/..%2fhome%2fconfig.json.bak", null, 404, "not found"),
                new Case("GET", true, "/chat?message=hi", null, 405, "method not allowed"),
                new Case("POST", true, "/chat", null, 400, "Missing message parameter"),
                new Case("POST", true, "/chat", "{\"message\":", 400, "invalid body"),
                new Case("GET", true, "/api/v1/timeline", null, 404, "not found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInput")
    void invalidInputIsA4xxJsonError(Case c) throws Exception {
        Http.Reply r = http.send(c.method(), (c.api() ? gw.api() : gw.dashboard()) + c.path(), c.body());
        String error = r.assertError(c.status());
        assertTrue(error.contains(c.error()), "error \"" + error + "\" should mention \"" + c.error() + "\"");
        assertFalse(r.body().contains(LiveGateway.SECRET));
    }

    @Test
    void symlinksOutOfTheRepoAreRefused() throws Exception {
        for (String path : new String[] {"leak.txt", "outside/secret.txt", "outside"}) {
            Http.Reply file = http.get(gw.dashboard() + "/api/v1/repo/file?path=" + path);
            assertEquals("path outside repo", file.assertError(400), path);
        }
        assertEquals("path outside repo", http.get(gw.dashboard() + "/api/v1/repo/tree?path=outside").assertError(400));
        Http.Reply tree = http.get(gw.dashboard() + "/api/v1/repo/tree");
        assertEquals(200, tree.status());
        assertFalse(tree.body().contains("secret.txt"), "the linked folder must not be followed: " + tree.body());
    }

    @Test
    void traversalSentVerbatimOnTheWireStaysInside() throws Exception {
        for (String path : new String[] {"/media/../home/config.json.bak", "/media/%2e%2e/%2e%2e/secret.txt",
                "/media/..\\..\\secret.txt", "/timeline/../../secret.txt", "/js/../../secret.txt"}) {
            Http.Reply r = Http.raw(gw.dashboardPort(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1", new byte[0]);
            assertTrue(r.status() == 404 || r.status() == 400, path + " -> " + r.status());
            assertFalse(r.body().contains(LiveGateway.SECRET), path);
            assertFalse(r.body().contains("not to be served"), path);
        }
    }

    @Test
    void bodyOfTwoMebibytesIs413() throws Exception {
        byte[] big = ("{\"key\":\"big\",\"value\":\"" + "a".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
        Http.Reply declared = Http.raw(gw.dashboardPort(), "POST /api/v1/settings HTTP/1.1\r\nHost: 127.0.0.1"
                + "\r\nContent-Type: application/json\r\nContent-Length: " + big.length, new byte[0]);
        assertEquals("request body too large", declared.assertError(413));
        assertRefusedAsTooLarge(HttpRequest.newBuilder(URI.create(gw.dashboard() + "/api/v1/settings"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        assertRefusedAsTooLarge(HttpRequest.newBuilder(URI.create(gw.dashboard() + "/api/v1/settings"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build());
        assertRefusedAsTooLarge(HttpRequest.newBuilder(URI.create(gw.api() + "/chat"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build());
        assertEquals("", http.get(gw.dashboard() + "/api/v1/settings?key=big").object().get("value"));
        assertEquals(200, http.get(gw.dashboard() + "/healthz").status()); // and the server is fine afterwards
    }

    /**
     * 413 JSON, or a reset: the server answers and closes without reading the rest, and a client still sending
     * may see the reset before it reads the answer (as with any server that refuses a body). Never a 2xx.
     */
    private static void assertRefusedAsTooLarge(HttpRequest request) throws InterruptedException {
        try {
            assertEquals("request body too large", http.send(request).assertError(413));
        } catch (IOException reset) {
            // refused all the same; the caller checks that nothing was stored
        }
    }

    @Test
    void crossOriginPostIsRefusedAndSameOriginIsNot() throws Exception {
        String body = "{\"key\":\"cross_origin\",\"value\":\"x\"}";
        Http.Reply foreign = http.post(gw.dashboard() + "/api/v1/settings", body, "Origin", "https://evil.example");
        assertEquals("cross-origin request refused", foreign.assertError(403));
        assertNull(foreign.header("access-control-allow-origin"));
        Http.Reply nullOrigin = http.post(gw.dashboard() + "/api/v1/webusers", "{\"name\":\"Mallory\"}", "Origin", "null");
        assertEquals("cross-origin request refused", nullOrigin.assertError(403));
        Http.Reply chat = http.post(gw.api() + "/chat?message=hi", null, "Origin", "http://attacker.test");
        assertEquals("cross-origin request refused", chat.assertError(403));
        assertEquals("", http.get(gw.dashboard() + "/api/v1/settings?key=cross_origin").object().get("value"));

        Http.Reply own = http.post(gw.dashboard() + "/api/v1/settings", body, "Origin", gw.dashboard());
        assertEquals(200, own.status(), own.body());
        Http.Reply read = http.get(gw.dashboard() + "/api/v1/settings?key=cross_origin", "Origin", "https://evil.example");
        assertEquals(200, read.status());
        assertNull(read.header("access-control-allow-origin"), "no CORS grant for an unlisted origin");
    }

    @Test
    void foreignHostHeaderIsRefusedOnBothPorts() throws Exception {
        for (int port : new int[] {gw.dashboardPort(), gw.apiPort()}) {
            Http.Reply r = Http.raw(port, "GET /healthz HTTP/1.1\r\nHost: evil.example:" + port, new byte[0]);
            assertEquals("host not allowed", r.assertError(403));
            Http.Reply rebinding = Http.raw(port, "GET /api/v1/timeline HTTP/1.1\r\nHost: 127.0.0.1.evil.example", new byte[0]);
            assertEquals("host not allowed", rebinding.assertError(403));
            for (String host : new String[] {"localhost:" + port, "127.0.0.1", "[::1]:" + port}) {
                Http.Reply ok = Http.raw(port, "GET /healthz HTTP/1.1\r\nHost: " + host, new byte[0]);
                assertEquals(200, ok.status(), host);
            }
        }
    }

    @Test
    void malformedPercentEncodingIsA400NotA500() throws Exception {
        Http.Reply r = Http.raw(gw.dashboardPort(), "GET /api/v1/repo/file?path=%ZZ HTTP/1.1\r\nHost: 127.0.0.1",
                new byte[0]);
        assertEquals(400, r.status(), r.body());
        Http.Reply chat = Http.raw(gw.apiPort(), "POST /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + "application/x-www-form-urlencoded\r\nContent-Length: 11", "message=%G1".getBytes(StandardCharsets.UTF_8));
        assertEquals("invalid query string", chat.assertError(400));
    }
}
