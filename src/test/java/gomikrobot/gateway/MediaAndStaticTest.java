package gomikrobot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaAndStaticTest {
    @TempDir
    Path home;
    private Path media;
    private Path web;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        media = Files.createDirectories(home.resolve("workspace/media"));
        Files.createDirectories(media.resolve("images"));
        Files.write(media.resolve("images/pic.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(home.resolve("config.json"), "{\"authToken\":\"do-not-serve\"}");
        Files.writeString(home.resolve("workspace/outside.txt"), "do-not-serve");
        Files.createSymbolicLink(media.resolve("escape.json"), home.resolve("config.json"));
        web = Files.createDirectories(home.resolve("web"));
        Files.writeString(web.resolve("timeline.html"), "<!doctype html><title>Timeline</title>");
        Files.createDirectories(web.resolve("js"));
        Files.writeString(web.resolve("js/app.js"), "console.log('hi');");
        server = TestServer.start(router -> {
            new MediaHandler(media).mount(router);
            StaticHandler.fromDirectory(web).mount(router);
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void mediaFileIsServedWithItsContentType() throws Exception {
        HttpResponse<String> response = server.get("/media/images/pic.png");
        assertEquals(200, response.statusCode());
        assertEquals("image/png", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("sandbox", response.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals("4", response.headers().firstValue("Content-Length").orElse(""));
    }

    @Test
    void encodedTraversalOutOfMediaIsRefused() throws Exception {
        for (String path : new String[] {"/media/..%2f..%2fconfig.json", "/media/../../config.json",
                "/media/..%2Foutside.txt", "/media/%2e%2e/outside.txt", "/media//etc/passwd"}) {
            HttpResponse<String> response = server.get(path);
            assertEquals(404, response.statusCode(), path + " must not escape the media root");
            assertEquals("not found", TestServer.error(response), path);
            assertFalse(response.body().contains("do-not-serve"), path);
        }
    }

    @Test
    void symlinkOutOfMediaIsRefused() throws Exception {
        HttpResponse<String> response = server.get("/media/escape.json");
        assertEquals(404, response.statusCode()); // the link's target lies outside the root
        assertFalse(response.body().contains("do-not-serve"));
    }

    @Test
    void mediaDirectoriesAreNotListed() throws Exception {
        assertEquals(404, server.get("/media/images").statusCode());
        assertEquals(404, server.get("/media/images/").statusCode());
        assertEquals(404, server.get("/media/").statusCode());
    }

    @Test
    void mediaIsReadOnly() throws Exception {
        assertEquals(405, server.post("/media/images/pic.png", "{}").statusCode());
    }

    @Test
    void rootRedirectsToTimeline() throws Exception {
        HttpResponse<String> response = server.get("/");
        assertEquals(302, response.statusCode());
        assertEquals("/timeline", response.headers().firstValue("Location").orElse(""));
    }

    @Test
    void timelineServesItsHtmlPageWithoutCaching() throws Exception {
        HttpResponse<String> response = server.get("/timeline");
        assertEquals(200, response.statusCode());
        assertEquals("<!doctype html><title>Timeline</title>", response.body());
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self';") && policy.contains("style-src 'self';"), policy);
        assertFalse(policy.contains("unsafe") || policy.contains("*"), policy);
    }

    @Test
    void assetsAreServedByPathWithContentType() throws Exception {
        HttpResponse<String> response = server.get("/js/app.js");
        assertEquals(200, response.statusCode());
        assertEquals("text/javascript; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, server.get("/js/missing.js").statusCode());
        assertEquals(404, server.get("/js/").statusCode());
    }

    @Test
    void assetTraversalIsRefused() throws Exception {
        assertEquals(404, server.get("/js/..%2f..%2fconfig.json").statusCode());
        assertEquals(404, server.get("/group").statusCode()); // a page that does not exist yet
    }

    @Test
    void classpathModeServesJarResourcesAndRefusesFolders() throws Exception {
        StaticHandler handler = StaticHandler.fromClasspath(getClass().getClassLoader(), "web");
        try (TestServer jar = TestServer.start(router -> router.prefix("/", handler, "GET"))) {
            HttpResponse<String> probe = jar.get("/gateway-test/probe.css");
            assertEquals(200, probe.statusCode());
            assertEquals("body { color: teal; }\n", probe.body());
            assertEquals("text/css; charset=utf-8", probe.headers().firstValue("Content-Type").orElse(""));
            assertEquals(404, jar.get("/gateway-test").statusCode()); // a folder, not a page
            assertEquals(404, jar.get("/gateway-test/").statusCode());
            assertEquals(404, jar.get("/gateway-test/..%2fgateway-test/probe.css").statusCode());
            assertEquals(404, jar.get("/gateway/RequestGuardTest.class".replace("/gateway", "/..%2fgomikrobot/gateway")).statusCode());
        }
    }

    @Test
    void webDirectoryMustExist() {
        assertThrows(IllegalArgumentException.class, () -> StaticHandler.fromDirectory(home.resolve("missing")));
    }
}
