package gomikrobot.gateway;

import static gomikrobot.gateway.ApiAssertions.okObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.process.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusApiTest {
    private static final String TOKEN = "s3cret-token-value";
    private static final Instant NOW = Instant.parse("2026-02-14T10:00:00Z");

    private final HttpClient client = HttpClient.newHttpClient();
    private WebServer server;

    /** A server with the real guard, its public paths widened by StatusApi's, as the gateway wires it. */
    private void serve(String host, String token) throws Exception {
        Router router = new Router();
        new StatusApi("gomikrobot-testhost", false, "9.9.9", host, token,
                new Sandbox.Unconfined("tools.exec.sandbox is off"), NOW.minusSeconds(3725),
                Clock.fixed(NOW, ZoneOffset.UTC), LiveSections.NONE).mount(router);
        router.exact("/api/v1/secret", exchange -> Responses.json(exchange, 200, List.of()), "GET");
        RequestGuard guard = new RequestGuard(TestServer.config(token, List.of()),
                path -> StaticHandler.isPublicPath(path) || StatusApi.isPublicPath(path));
        server = WebServer.start("test", "127.0.0.1", 0, router, guard, Log.quiet(), new Metrics());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        return client.send((headers.length == 0 ? request : request.headers(headers)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusReportsIdentityModeAndUptime() throws Exception {
        serve("127.0.0.1", null);
        JsonObject status = okObject(get("/api/v1/status"));
        assertEquals(List.of("agent_id", "exec_sandbox", "exec_sandboxed", "group_enabled", "mode",
                "orchestrator_enabled", "uptime_seconds", "version"),
                List.copyOf(status.asMap().keySet()));
        assertEquals("gomikrobot-testhost", status.string("agent_id", ""));
        assertEquals("standalone", status.string("mode", ""));
        assertFalse(status.bool("group_enabled", true));
        assertFalse(status.bool("orchestrator_enabled", true));
        assertEquals(3725, status.integer("uptime_seconds", 0));
        assertEquals("9.9.9", status.string("version", ""));
        assertFalse(status.bool("exec_sandboxed", true));
        assertEquals("exec is not sandboxed: tools.exec.sandbox is off", status.string("exec_sandbox", ""));
    }

    @Test
    void wildcardHostIsHeadless() throws Exception {
        serve("0.0.0.0", TOKEN);
        assertEquals("headless", okObject(get("/api/v1/status")).string("mode", ""));
    }

    @Test
    void verifyWithoutATokenConfiguredAlwaysPasses() throws Exception {
        serve("127.0.0.1", null);
        JsonObject verify = okObject(get("/api/v1/auth/verify"));
        assertEquals(List.of("auth_required", "valid"), List.copyOf(verify.asMap().keySet()));
        assertFalse(verify.bool("auth_required", true));
        assertTrue(verify.bool("valid", false));
    }

    @Test
    void verifyAnswersTruthfullyAndIsReachableWithoutTheToken() throws Exception {
        serve("127.0.0.1", TOKEN);
        assertEquals(401, get("/api/v1/secret").statusCode(), "the guard is on");
        JsonObject none = okObject(get("/api/v1/auth/verify"));
        assertTrue(none.bool("auth_required", false));
        assertFalse(none.bool("valid", true));
        assertFalse(okObject(get("/api/v1/auth/verify", "Authorization", "Bearer wrong")).bool("valid", true));
        assertFalse(okObject(get("/api/v1/auth/verify", "Authorization", TOKEN)).bool("valid", true),
                "the raw token without the Bearer scheme is not accepted");
        assertTrue(okObject(get("/api/v1/auth/verify", "Authorization", "Bearer " + TOKEN)).bool("valid", false));
        assertEquals(200, get("/api/v1/status").statusCode(), "status needs no token either");
    }

    @Test
    void defaultAgentIdNamesTheHost() {
        assertTrue(gomikrobot.group.AgentIds.hostDefault().startsWith("gomikrobot-"));
    }
}
