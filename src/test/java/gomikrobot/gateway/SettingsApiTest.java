package gomikrobot.gateway;

import static gomikrobot.gateway.ApiAssertions.fails;
import static gomikrobot.gateway.ApiAssertions.okObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.agent.TokenQuota;
import gomikrobot.json.JsonObject;
import gomikrobot.timeline.CreateResult;
import gomikrobot.timeline.NewTask;
import gomikrobot.timeline.UsageStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsApiTest {
    @TempDir
    Path tmp;
    private final List<String> changed = new CopyOnWriteArrayList<>();
    private StoreFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new StoreFixture(tmp, (timeline, router) -> new SettingsApi(timeline.settings(),
                new TokenQuota(timeline.settings(), timeline.tasks(), timeline.usage())::usedToday,
                (key, value) -> Optional.empty(), changed::add).mount(router));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private JsonObject post(String body) throws Exception {
        return okObject(f.server.post("/api/v1/settings", body));
    }

    @Test
    void silentModeIsOnUntilSetToFalse() throws Exception {
        assertTrue(okObject(f.server.get("/api/v1/settings")).bool("silent_mode", false), "no row means ON");
        assertEquals("ok", post("{\"key\":\"silent_mode\",\"value\":\"false\"}").string("status", ""));
        assertFalse(okObject(f.server.get("/api/v1/settings")).bool("silent_mode", true));
        post("{\"key\":\"silent_mode\",\"value\":\"true\"}");
        assertTrue(okObject(f.server.get("/api/v1/settings")).bool("silent_mode", false));
    }

    @Test
    void storesAndReadsAKeyAndReportsTheChange() throws Exception {
        post("{\"key\":\"whatsapp_allowlist\",\"value\":\"491\\n492\",\"ignored\":1}");
        JsonObject read = okObject(f.server.get("/api/v1/settings?key=whatsapp_allowlist"));
        assertEquals(List.of("key", "value"), List.copyOf(read.asMap().keySet()));
        assertEquals("491\n492", read.string("value", ""));
        assertEquals(List.of("whatsapp_allowlist"), changed);
        assertEquals("", okObject(f.server.get("/api/v1/settings?key=never_set")).string("value", "x"),
                "a missing key reads as \"\", never 404");
    }

    @Test
    void rejectsBadBodiesWithoutStoringOrNotifying() throws Exception {
        fails(f.server.post("/api/v1/settings", "{\"key\":\"silent_mode\",\"value\":true}"), 400, "invalid body");
        fails(f.server.post("/api/v1/settings", "{\"key\":7,\"value\":\"x\"}"), 400, "invalid body");
        fails(f.server.post("/api/v1/settings", "{\"key\":"), 400, "invalid body");
        fails(f.server.post("/api/v1/settings", ""), 400, "invalid body");
        fails(f.server.post("/api/v1/settings", "[1]"), 400, "invalid body");
        fails(f.server.post("/api/v1/settings", "{\"key\":\"\",\"value\":\"x\"}"), 400, "key required");
        fails(f.server.post("/api/v1/settings", "{\"value\":\"x\"}"), 400, "key required");
        fails(f.server.post("/api/v1/settings", "{\"key\":\"" + "k".repeat(201) + "\",\"value\":\"x\"}"), 400,
                "key longer than 200 characters");
        assertEquals(List.of(), changed);
        assertTrue(f.timeline.settings().all().isEmpty());
        ApiAssertions.status(f.server.method("DELETE", "/api/v1/settings"), 405);
    }

    @Test
    void usageTodaySumsTasksAndEmbeddingTokensAgainstTheLimit() throws Exception {
        JsonObject none = okObject(f.server.get("/api/v1/usage/today"));
        assertEquals(List.of("used", "limit"), List.copyOf(none.asMap().keySet()));
        assertEquals(0, none.integer("used", -1));
        assertEquals(0, none.integer("limit", -1), "0 = unlimited");
        var created = (CreateResult.Created) f.timeline.tasks().create(new NewTask("k1", "t1", "webui", "1", "webui:a",
                NewTask.EXTERNAL, "hi"));
        f.timeline.tasks().addUsage(created.task().taskId(), 100, 20, 120);
        f.timeline.usage().add(UsageStore.EMBEDDINGS, 30);
        post("{\"key\":\"daily_token_limit\",\"value\":\"5000\"}");
        JsonObject used = okObject(f.server.get("/api/v1/usage/today"));
        assertEquals(150, used.integer("used", -1));
        assertEquals(5000, used.integer("limit", -1));
    }
}
