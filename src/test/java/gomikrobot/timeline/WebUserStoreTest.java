package gomikrobot.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebUserStoreTest {
    @TempDir
    Path dir;

    private Database db;
    private WebUserStore users;

    @BeforeEach
    void open() {
        db = new TestDb().open(dir.resolve("timeline.db"));
        users = new WebUserStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void createOrGetReturnsTheSameUserForTheSameName() {
        WebUser anna = users.createOrGet("anna");
        assertEquals(anna, users.createOrGet(" anna "));
        assertTrue(anna.forceSend(), "force_send defaults to on");
        assertThrows(IllegalArgumentException.class, () -> users.createOrGet("  "));
        assertEquals(List.of("anna"), users.list().stream().map(WebUser::name).toList());
    }

    @Test
    void listsByName() {
        users.createOrGet("zoe");
        users.createOrGet("anna");
        assertEquals(List.of("anna", "zoe"), users.list().stream().map(WebUser::name).toList());
    }

    @Test
    void forceSendIsStoredAsIntegerAndReadBack() {
        WebUser bob = users.createOrGet("bob");
        assertTrue(users.setForceSend(bob.id(), false));
        assertFalse(users.get(bob.id()).orElseThrow().forceSend());
        assertEquals(0L, (long) db.read(c -> Rows.scalar(c, "SELECT force_send FROM web_users WHERE id = ?", bob.id())));
        assertFalse(users.setForceSend(999, true));
        assertTrue(users.get(999).isEmpty());
    }

    @Test
    void linkIsNormalisedUpsertedAndRemovable() {
        WebUser anna = users.createOrGet("anna");
        users.link(anna.id(), " 4915112345678 ");
        assertEquals("4915112345678@s.whatsapp.net", users.linkOf(anna.id()).orElseThrow());
        users.link(anna.id(), "12036302@g.us");
        assertEquals("12036302@g.us", users.linkOf(anna.id()).orElseThrow());
        assertEquals(1L, db.rowCounts().get("web_links"));
        assertTrue(users.unlink(anna.id()));
        assertFalse(users.unlink(anna.id()));
        assertTrue(users.linkOf(anna.id()).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> users.link(anna.id(), " "));
    }

    @Test
    void jsonHasIdNameForceSendCreatedAt() {
        WebUser anna = users.createOrGet("anna");
        assertEquals(List.of("id", "name", "force_send", "created_at"), List.copyOf(anna.toJson().keySet()));
        assertTrue(((String) anna.toJson().get("created_at")).endsWith("Z"));
    }
}
