package gomikrobot.timeline;

import java.util.List;
import java.util.Optional;

/**
 * The {@code web_users} and {@code web_links} tables: web UI identities and the WhatsApp chat each one is linked
 * to. JIDs are stored normalised (see {@link #normalizeJid}).
 */
public final class WebUserStore {
    private static final String SELECT = "SELECT " + WebUser.COLUMNS + " FROM web_users";

    private final Database db;

    public WebUserStore(Database db) {
        this.db = db;
    }

    /** All users by name. */
    public List<WebUser> list() {
        return db.read(c -> Rows.list(c, SELECT + " ORDER BY name ASC", WebUser::fromRow));
    }

    /**
     * The user of this name (trimmed), created if new with {@code force_send} on.
     *
     * @throws IllegalArgumentException for a blank name
     */
    public WebUser createOrGet(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("web user name is empty");
        }
        String trimmed = name.strip();
        return db.write(c -> {
            Rows.update(c, "INSERT INTO web_users (name, created_at) VALUES (?, datetime('now'))"
                    + " ON CONFLICT(name) DO NOTHING", trimmed);
            return Rows.first(c, SELECT + " WHERE name = ?", WebUser::fromRow, trimmed).orElseThrow();
        });
    }

    public Optional<WebUser> get(long id) {
        return db.read(c -> Rows.first(c, SELECT + " WHERE id = ?", WebUser::fromRow, id));
    }

    /** False when there is no such user. */
    public boolean setForceSend(long id, boolean forceSend) {
        return db.write(c -> Rows.update(c, "UPDATE web_users SET force_send = ? WHERE id = ?", forceSend, id)) == 1;
    }

    /** The linked WhatsApp JID, normalised. */
    public Optional<String> linkOf(long id) {
        return db.read(c -> Rows.first(c, "SELECT whatsapp_jid FROM web_links WHERE web_user_id = ?",
                        rs -> Rows.text(rs, "whatsapp_jid"), id))
                .filter(jid -> !jid.isBlank())
                .map(WebUserStore::normalizeJid);
    }

    /**
     * Links the user to a WhatsApp chat (replacing any link). Like the original, the user need not exist.
     *
     * @throws IllegalArgumentException for a blank JID (the caller unlinks instead)
     */
    public void link(long id, String jid) {
        if (jid == null || jid.isBlank()) {
            throw new IllegalArgumentException("WhatsApp JID is empty");
        }
        String normalized = normalizeJid(jid);
        db.write(c -> Rows.update(c, "INSERT INTO web_links (web_user_id, whatsapp_jid, created_at, updated_at)"
                + " VALUES (?, ?, datetime('now'), datetime('now')) ON CONFLICT(web_user_id) DO UPDATE SET"
                + " whatsapp_jid = excluded.whatsapp_jid, updated_at = datetime('now')", id, normalized));
    }

    /** False when there was no link. */
    public boolean unlink(long id) {
        return db.write(c -> Rows.update(c, "DELETE FROM web_links WHERE web_user_id = ?", id)) == 1;
    }

    /** A JID as the original stores and uses it: trimmed, and a bare phone number gets {@code @s.whatsapp.net}. */
    public static String normalizeJid(String jid) {
        String trimmed = jid.strip();
        return trimmed.contains("@") ? trimmed : trimmed + "@s.whatsapp.net";
    }
}
