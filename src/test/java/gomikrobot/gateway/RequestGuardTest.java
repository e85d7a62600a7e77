package gomikrobot.gateway;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
import gomikrobot.config.GatewayConfig;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestGuardTest {
    private static final String TOKEN = "s3cret-token-value";
    private static final HttpHandler OK = exchange -> Responses.json(exchange, 200, Map.of("status", "ok"));

    private static TestServer serve(GatewayConfig config) throws Exception {
        return TestServer.start(config, router -> {
            router.exact("/api/v1/thing", OK, "GET", "POST");
            router.exact("/timeline", OK, "GET");
            router.exact("/healthz", OK, "GET");
        });
    }

    @Test
    void foreignHostHeaderIsRefusedAgainstDnsRebinding() throws Exception {
        try (TestServer server = serve(TestServer.config(null, List.of()))) {
            String response = server.raw("GET /api/v1/thing HTTP/1.1\r\nHost: attacker.example:" + server.server.port()
                    + "\r\nConnection: close\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 403"), response);
            assertTrue(response.endsWith("{\"error\":\"host not allowed\"}\n"), response);
        }
    }

    @Test
    void hostThatOnlyStartsLikeLoopbackOrCarriesMoreThanAPortIsRefused() throws Exception {
        try (TestServer server = serve(TestServer.config(null, List.of()))) {
            int port = server.server.port();
            for (String host : List.of("127.0.0.1:" + port + ".evil.example", "localhost:" + port + "@evil.example",
                    "127.0.0.1.evil.example", "localhost.evil.example:" + port, "evil.example@127.0.0.1",
                    "localhost/path", "127.0.0.1:" + port + "/x", "localhost:", "localhost:port", "localhost:123456",
                    "[::1", "[::1]x", "::1", "local host", "[::1%25eth0]:" + port, "")) {
                String response = server.raw("GET /api/v1/thing HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
                assertTrue(response.startsWith("HTTP/1.1 403") && response.endsWith("{\"error\":\"host not allowed\"}\n"),
                        host + " -> " + response);
            }
            String twoHosts = server.raw("GET /api/v1/thing HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n"
                    + "Connection: close\r\n\r\n");
            assertTrue(twoHosts.startsWith("HTTP/1.1 403"), twoHosts);
        }
        RequestGuard wildcard = new RequestGuard(new GatewayConfig("0.0.0.0", 0, 0, TOKEN, List.of()), p -> false);
        assertFalse(wildcard.hostAllowed("mybox.lan:18791@evil.example"));
        assertFalse(wildcard.hostAllowed("mybox.lan/x"));
    }

    @Test
    void loopbackHostNamesAreAccepted() throws Exception {
        try (TestServer server = serve(TestServer.config(null, List.of()))) {
            for (String host : List.of("localhost", "localhost:18791", "127.0.0.1", "127.1.2.3:80", "[::1]:18791", "[::1]")) {
                String response = server.raw("GET /api/v1/thing HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
                assertTrue(response.startsWith("HTTP/1.1 200"), host + " -> " + response);
            }
        }
    }

    @Test
    void wildcardBindingAcceptsAnyHostOnlyWithToken() {
        RequestGuard withToken = new RequestGuard(new GatewayConfig("0.0.0.0", 0, 0, TOKEN, List.of()), p -> false);
        RequestGuard withoutToken = new RequestGuard(new GatewayConfig("0.0.0.0", 0, 0, "", List.of()), p -> false);
        assertTrue(withToken.hostAllowed("mybox.lan:18791"));
        assertFalse(withoutToken.hostAllowed("mybox.lan:18791"));
        RequestGuard boundToLan = new RequestGuard(new GatewayConfig("192.168.1.5", 0, 0, TOKEN, List.of()), p -> false);
        assertTrue(boundToLan.hostAllowed("192.168.1.5:18791"));
        assertFalse(boundToLan.hostAllowed("rebind.attacker.example"));
    }

    @Test
    void crossOriginPostIsRefused() throws Exception {
        try (TestServer server = serve(TestServer.config(null, List.of()))) {
            HttpResponse<String> response = server.post("/api/v1/thing", "{}", "Origin", "https://evil.example");
            assertEquals(403, response.statusCode());
            assertEquals("cross-origin request refused", TestServer.error(response));
        }
    }

    @Test
    void sameOriginAndOriginlessPostsAreAllowed() throws Exception {
        try (TestServer server = serve(TestServer.config(null, List.of()))) {
            assertEquals(200, server.post("/api/v1/thing", "{}", "Origin", server.origin()).statusCode());
            assertEquals(200, server.post("/api/v1/thing", "{}").statusCode());
        }
    }

    @Test
    void noAllowOriginHeaderUnlessTheOriginIsListed() throws Exception {
        try (TestServer server = serve(TestServer.config(null, List.of("https://app.example/")))) {
            HttpResponse<String> foreign = server.get("/api/v1/thing", "Origin", "https://evil.example");
            assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

            HttpResponse<String> listed = server.post("/api/v1/thing", "{}", "Origin", "https://app.example");
            assertEquals(200, listed.statusCode());
            assertEquals("https://app.example", listed.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertEquals("Origin", listed.headers().firstValue("Vary").orElse(""));
        }
    }

    @Test
    void bearerTokenIsRequiredWhenSet() throws Exception {
        try (TestServer server = serve(TestServer.config(TOKEN, List.of()))) {
            HttpResponse<String> none = server.get("/api/v1/thing");
            assertEquals(401, none.statusCode());
            assertEquals("unauthorized", TestServer.error(none));
            assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals(401, server.get("/api/v1/thing", "Authorization", "Bearer wrong").statusCode());
            assertEquals(401, server.get("/api/v1/thing", "Authorization", TOKEN).statusCode()); // raw token: not accepted
            assertEquals(200, server.get("/api/v1/thing", "Authorization", "Bearer " + TOKEN).statusCode());
            assertEquals(200, server.post("/api/v1/thing", "{}", "Authorization", "Bearer " + TOKEN).statusCode());
        }
    }

    @Test
    void healthAndDashboardPageNeedNoTokenButPostsDo() throws Exception {
        try (TestServer server = serve(TestServer.config(TOKEN, List.of()))) {
            assertEquals(200, server.get("/healthz").statusCode());
            assertEquals(200, server.get("/timeline").statusCode());
            assertEquals(401, server.post("/timeline", "{}").statusCode());
        }
    }

    @Test
    void preflightFromListedOriginPassesWithoutToken() throws Exception {
        try (TestServer server = serve(TestServer.config(TOKEN, List.of("https://app.example")))) {
            HttpResponse<String> preflight = server.method("OPTIONS", "/api/v1/thing", "Origin", "https://app.example",
                    "Access-Control-Request-Method", "POST");
            assertEquals(200, preflight.statusCode());
            assertEquals("https://app.example", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertEquals("Content-Type, Authorization",
                    preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""));
            HttpResponse<String> foreignPreflight = server.method("OPTIONS", "/api/v1/thing", "Origin", "https://evil.example");
            assertEquals(200, foreignPreflight.statusCode()); // runs no handler: the allowed methods, no CORS grant
            assertTrue(foreignPreflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }

    @Test
    void tokenNeverAppearsInTheLog() throws Exception {
        try (TestServer server = serve(TestServer.config(TOKEN, List.of()))) {
            server.get("/api/v1/thing", "Authorization", "Bearer " + TOKEN);
            server.get("/api/v1/thing", "Authorization", "Bearer wrong-guess");
            assertFalse(server.logged.toString().contains(TOKEN));
        }
    }

    @Test
    void bindingBeyondLoopbackWithoutTokenIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestGuard.requireSafeBinding(new GatewayConfig("0.0.0.0", 18790, 18791, "", List.of())));
        assertTrue(e.getMessage().contains("gateway.authToken"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RequestGuard.requireSafeBinding(new GatewayConfig("mybox.lan", 18790, 18791, null, List.of())));
        assertDoesNotThrow(() -> RequestGuard.requireSafeBinding(new GatewayConfig("0.0.0.0", 1, 2, TOKEN, List.of())));
        for (String loopback : List.of("127.0.0.1", "localhost", "::1", "[::1]", "127.0.1.1")) {
            assertDoesNotThrow(() -> RequestGuard.requireSafeBinding(new GatewayConfig(loopback, 1, 2, "", List.of())), loopback);
        }
    }
}
