package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The real gateway with {@code gateway.authToken} (and one CORS origin) set through the environment: data routes
 * on both ports want {@code Authorization: Bearer <token>}; health, the dashboard page, status and auth verify
 * do not; a listed origin gets CORS headers and its preflight passes without the token.
 */
class GatewayBearerTokenTest {
    static final String TOKEN = "s3cret-dashboard-token-for-tests";
    static final String APP = "https://app.example";

    @TempDir
    static Path dir;
    static LiveGateway gw;
    static final Http http = new Http();

    @BeforeAll
    static void start() throws Exception {
        gw = LiveGateway.start(dir, Map.of("MIKROBOT_GATEWAY_AUTH_TOKEN", TOKEN, "MIKROBOT_GATEWAY_CORS_ORIGINS", APP));
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    /** A route that needs the token: method, api port or not, path, body. */
    record Guarded(String method, boolean api, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        String url() {
            return (api ? gw.api() : gw.dashboard()) + path;
        }
    }

    static Stream<Guarded> guarded() {
        return Stream.of(
                new Guarded("POST", true, "/chat?message=hello", null),
                new Guarded("GET", true, "/metrics", null),
                new Guarded("GET", false, "/metrics", null),
                new Guarded("GET", false, "/api/v1/timeline", null),
                new Guarded("GET", false, "/api/v1/settings", null),
                new Guarded("POST", false, "/api/v1/settings", "{\"key\":\"k\",\"value\":\"v\"}"),
                new Guarded("GET", false, "/api/v1/tasks", null),
                new Guarded("GET", false, "/api/v1/repo/tree", null),
                new Guarded("GET", false, "/api/v1/repo/file?path=README.md", null),
                new Guarded("GET", false, "/api/v1/webusers", null),
                new Guarded("GET", false, "/api/v1/usage/today", null),
                new Guarded("GET", false, "/api/v1/workrepo", null),
                new Guarded("GET", false, "/media/photo.jpg", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guarded")
    void dataRoutesAre401WithoutTheTokenAnd2xxWithIt(Guarded g) throws Exception {
        Http.Reply none = http.send(g.method(), g.url(), g.body());
        assertEquals("unauthorized", none.assertError(401));
        assertEquals("Bearer", none.header("www-authenticate"));
        Http.Reply wrong = http.send(g.method(), g.url(), g.body(), "Authorization", "Bearer " + TOKEN + "x");
        assertEquals("unauthorized", wrong.assertError(401));
        Http.Reply raw = http.send(g.method(), g.url(), g.body(), "Authorization", TOKEN);
        assertEquals("unauthorized", raw.assertError(401), "the token without 'Bearer ' is refused");
        Http.Reply right = http.send(g.method(), g.url(), g.body(), "Authorization", "Bearer " + TOKEN);
        assertEquals(200, right.status(), right.body());
        assertFalse(none.body().contains(TOKEN));
    }

    @Test
    void healthTheDashboardPageAndStatusNeedNoToken() throws Exception {
        for (String url : new String[] {gw.api() + "/healthz", gw.api() + "/readyz", gw.dashboard() + "/healthz",
                gw.dashboard() + "/readyz", gw.dashboard() + "/timeline", gw.dashboard() + "/api/v1/status"}) {
            assertEquals(200, http.get(url).status(), url);
        }
        assertEquals(302, http.get(gw.dashboard() + "/").status());
    }

    @Test
    void authVerifyAnswersTruthfully() throws Exception {
        String verify = gw.dashboard() + "/api/v1/auth/verify";
        assertEquals(Map.of("auth_required", true, "valid", false), http.get(verify).object());
        assertEquals(Map.of("auth_required", true, "valid", false),
                http.get(verify, "Authorization", "Bearer wrong").object());
        assertEquals(Map.of("auth_required", true, "valid", true),
                http.get(verify, "Authorization", "Bearer " + TOKEN).object());
    }

    @Test
    void publicPagesStillNeedTheTokenToChangeAnything() throws Exception {
        Http.Reply post = http.post(gw.dashboard() + "/api/v1/status", "{}");
        assertEquals("unauthorized", post.assertError(401));
    }

    @Test
    void listedOriginGetsCorsAndItsPreflightNeedsNoToken() throws Exception {
        Http.Reply preflight = http.send("OPTIONS", gw.dashboard() + "/api/v1/settings", null, "Origin", APP,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization");
        assertEquals(200, preflight.status(), preflight.body());
        assertEquals(APP, preflight.header("access-control-allow-origin"));
        assertTrue(preflight.header("access-control-allow-headers").contains("Authorization"));

        Http.Reply post = http.post(gw.dashboard() + "/api/v1/settings", "{\"key\":\"from_app\",\"value\":\"1\"}",
                "Origin", APP, "Authorization", "Bearer " + TOKEN);
        assertEquals(200, post.status(), post.body());
        assertEquals(APP, post.header("access-control-allow-origin"));
    }

    @Test
    void foreignOriginIsRefusedEvenWithTheToken() throws Exception {
        Http.Reply post = http.post(gw.dashboard() + "/api/v1/settings", "{\"key\":\"evil\",\"value\":\"1\"}",
                "Origin", "https://evil.example", "Authorization", "Bearer " + TOKEN);
        assertEquals("cross-origin request refused", post.assertError(403));
        Http.Reply preflight = http.send("OPTIONS", gw.dashboard() + "/api/v1/settings", null,
                "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");
        assertEquals(200, preflight.status()); // as the original: the allowed methods, and no CORS grant to use them
        assertNull(preflight.header("access-control-allow-origin"));
    }

    @Test
    void foreignHostIsRefusedEvenWithTheToken() throws Exception {
        Http.Reply r = Http.raw(gw.dashboardPort(), "GET /api/v1/timeline HTTP/1.1\r\nHost: evil.example\r\n"
                + "Authorization: Bearer " + TOKEN, new byte[0]);
        assertEquals("host not allowed", r.assertError(403));
    }
}
