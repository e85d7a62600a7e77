package gomikrobot.timeline;

import gomikrobot.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code group_members}: a member's last card as this member last saw it. {@code capabilities} (its
 * tools) and {@code channels} are JSON arrays as text, as the original stores and serves them; {@code leftAt} is
 * set once it left the group.
 */
public record GroupMember(String agentId, String agentName, String soulSummary, String capabilities, String channels,
                          String model, String status, Instant lastSeen, Instant leftAt) {
    static final String COLUMNS = "agent_id, agent_name, soul_summary, capabilities, channels, model, status,"
            + " last_seen, left_at";

    public static GroupMember of(String agentId, String agentName, List<String> capabilities, List<String> channels,
                                 String model, String status, Instant lastSeen) {
        return new GroupMember(agentId, agentName, "", Json.write(capabilities), Json.write(channels), model, status,
                lastSeen, null);
    }

    /**
     * The JSON object of {@code GET /api/v1/group/members} (contract §6): {@code agent_id, agent_name,
     * capabilities, channels, last_seen, model, role, soul_summary, status}, plus {@code left_at} once left.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = Json.object("agent_id", agentId, "agent_name", agentName,
                "capabilities", capabilities, "channels", channels, "last_seen", Times.rfc3339(lastSeen),
                "model", model, "role", "", "soul_summary", soulSummary, "status", status);
        if (leftAt != null) {
            json.put("left_at", Times.rfc3339(leftAt));
        }
        return json;
    }

    static GroupMember fromRow(ResultSet rs) throws SQLException {
        return new GroupMember(Rows.text(rs, "agent_id"), Rows.text(rs, "agent_name"), Rows.text(rs, "soul_summary"),
                orEmptyArray(Rows.text(rs, "capabilities")), orEmptyArray(Rows.text(rs, "channels")),
                Rows.text(rs, "model"), Rows.text(rs, "status"), Rows.time(rs, "last_seen"),
                Rows.timeOrNull(rs, "left_at"));
    }

    private static String orEmptyArray(String text) {
        return text.isBlank() ? "[]" : text;
    }
}
