package gomikrobot.gateway;

import static gomikrobot.gateway.ApiAssertions.fails;
import static gomikrobot.gateway.ApiAssertions.okList;
import static gomikrobot.gateway.ApiAssertions.okObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebUsersApiTest {
    @TempDir
    Path tmp;
    private StoreFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new StoreFixture(tmp, (timeline, router) -> new WebUsersApi(timeline.webUsers()).mount(router));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private long create(String name) throws Exception {
        return okObject(f.server.post("/api/v1/webusers", "{\"name\":\"" + name + "\"}")).integer("id", 0);
    }

    @Test
    void createsUsersOnceAndListsThemByName() throws Exception {
        assertEquals("[]\n", f.server.get("/api/v1/webusers").body());
        JsonObject bob = okObject(f.server.post("/api/v1/webusers", "{\"name\":\" bob \"}"));
        assertEquals(List.of("id", "name", "force_send", "created_at"), List.copyOf(bob.asMap().keySet()));
        assertEquals("bob", bob.string("name", ""));
        assertTrue(bob.bool("force_send", false), "new users may send in silent mode");
        assertTrue(bob.string("created_at", "").endsWith("Z"));
        long alice = create("alice");
        assertEquals(bob.integer("id", 0), create("bob"), "the same name is the same user");
        List<JsonObject> users = okList(f.server.get("/api/v1/webusers"));
        assertEquals(List.of("alice", "bob"), users.stream().map(u -> u.string("name", "")).toList());
        assertEquals(alice, users.getFirst().integer("id", 0));
    }

    @Test
    void rejectsBlankOrOddNames() throws Exception {
        fails(f.server.post("/api/v1/webusers", "{\"name\":\"  \"}"), 400, "name is required");
        fails(f.server.post("/api/v1/webusers", "{}"), 400, "name is required");
        fails(f.server.post("/api/v1/webusers", "{\"name\":5}"), 400, "invalid body");
        fails(f.server.post("/api/v1/webusers", "{\"name\":\"a\\u0000b\"}"), 400,
                "name must be at most 100 characters, without control characters");
        fails(f.server.post("/api/v1/webusers", "not json"), 400, "invalid body");
        ApiAssertions.status(f.server.method("PUT", "/api/v1/webusers"), 405);
    }

    @Test
    void forceSendIsSetWithStrictTypes() throws Exception {
        long id = create("bob");
        assertEquals("ok", okObject(f.server.post("/api/v1/webusers/force",
                "{\"web_user_id\":" + id + ",\"force_send\":false}")).string("status", ""));
        assertFalse(f.timeline.webUsers().get(id).orElseThrow().forceSend());
        fails(f.server.post("/api/v1/webusers/force", "{\"web_user_id\":\"" + id + "\",\"force_send\":true}"), 400, "invalid body");
        fails(f.server.post("/api/v1/webusers/force", "{\"web_user_id\":" + id + ".5,\"force_send\":true}"), 400, "invalid body");
        fails(f.server.post("/api/v1/webusers/force", "{\"web_user_id\":" + id + ",\"force_send\":\"yes\"}"), 400, "invalid body");
        fails(f.server.post("/api/v1/webusers/force", "{\"force_send\":true}"), 400, "web_user_id required");
        fails(f.server.post("/api/v1/webusers/force", "{\"web_user_id\":0,\"force_send\":true}"), 400, "web_user_id required");
        assertFalse(f.timeline.webUsers().get(id).orElseThrow().forceSend());
        ApiAssertions.status(f.server.get("/api/v1/webusers/force"), 405);
    }

    @Test
    void linksNormaliseTheJidAndABlankJidUnlinks() throws Exception {
        long id = create("bob");
        okObject(f.server.post("/api/v1/weblinks", "{\"web_user_id\":" + id + ",\"whatsapp_jid\":\" 4915112345 \"}"));
        JsonObject link = okObject(f.server.get("/api/v1/weblinks?web_user_id=" + id));
        assertEquals(List.of("web_user_id", "whatsapp_jid"), List.copyOf(link.asMap().keySet()));
        assertEquals(String.valueOf(id), link.string("web_user_id", ""), "the query value, as a string");
        assertEquals("4915112345@s.whatsapp.net", link.string("whatsapp_jid", ""));
        okObject(f.server.post("/api/v1/weblinks", "{\"web_user_id\":" + id + ",\"whatsapp_jid\":\" \"}"));
        assertEquals(Optional.empty(), f.timeline.webUsers().linkOf(id));
        assertEquals("", okObject(f.server.get("/api/v1/weblinks?web_user_id=" + id)).string("whatsapp_jid", "x"));
    }

    @Test
    void rejectsBadLinkRequests() throws Exception {
        fails(f.server.get("/api/v1/weblinks"), 400, "invalid web_user_id");
        fails(f.server.get("/api/v1/weblinks?web_user_id=abc"), 400, "invalid web_user_id");
        fails(f.server.post("/api/v1/weblinks", "{\"whatsapp_jid\":\"491\"}"), 400, "web_user_id required");
        fails(f.server.post("/api/v1/weblinks", "{\"web_user_id\":\"1\",\"whatsapp_jid\":\"491\"}"), 400, "invalid body");
        fails(f.server.post("/api/v1/weblinks", "{\"web_user_id\":1,\"whatsapp_jid\":[\"491\"]}"), 400, "invalid body");
        fails(f.server.post("/api/v1/weblinks", "{\"web_user_id\":1,\"whatsapp_jid\":\"49 1\"}"), 400, "invalid whatsapp_jid");
        assertEquals(Optional.empty(), f.timeline.webUsers().linkOf(1));
    }
}
