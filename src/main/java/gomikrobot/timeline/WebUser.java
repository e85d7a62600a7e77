package gomikrobot.timeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A web UI identity; {@code forceSend} lets its messages through to WhatsApp even in silent mode. */
public record WebUser(long id, String name, boolean forceSend, Instant createdAt) {

    /** The contract's WebUser object. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("force_send", forceSend);
        m.put("created_at", Times.rfc3339(createdAt));
        return m;
    }

    static final String COLUMNS = "id, name, force_send, created_at";

    static WebUser fromRow(ResultSet rs) throws SQLException {
        return new WebUser(rs.getLong("id"), Rows.text(rs, "name"), Rows.bool(rs, "force_send", true),
                Rows.time(rs, "created_at"));
    }
}
