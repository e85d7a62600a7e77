package gomikrobot.group;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.timeline.GroupMember;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a member tells the group about itself in each announce record: its id and name, its model, its tools
 * ({@code capabilities}: what it can be asked to do), its channels, its status ({@code active}, or {@code left}
 * in its last record) and how often it re-announces, from which the others tell when it is gone.
 */
public record MemberCard(String agentId, String agentName, String model, List<String> tools, List<String> channels,
                         String status, Duration heartbeat) {
    public static final String ACTIVE = "active";
    public static final String LEFT = "left";

    public MemberCard {
        tools = List.copyOf(tools);
        channels = List.copyOf(channels);
    }

    /** The announce payload: the original's {@code action} and {@code identity}, and our {@code heartbeat_ms}. */
    Map<String, Object> toPayload(String action) {
        return Json.object("action", action, "heartbeat_ms", heartbeat.toMillis(), "identity", Json.object(
                "agent_id", agentId, "agent_name", agentName, "soul_summary", "", "capabilities", tools,
                "channels", channels, "model", model, "status", status));
    }

    /** @throws gomikrobot.json.JsonException when a field has the wrong type */
    static MemberCard fromPayload(JsonObject payload) {
        JsonObject id = payload.object("identity");
        long heartbeatMs = Math.max(1000, payload.integer("heartbeat_ms", 10_000));
        return new MemberCard(id.string("agent_id", ""), id.string("agent_name", ""), id.string("model", ""),
                id.strings("capabilities"), id.strings("channels"), id.string("status", ACTIVE),
                Duration.ofMillis(heartbeatMs));
    }

    /** The member's row in {@code group_members} (and in the roster the API shows), with its status then. */
    GroupMember row(String rowStatus, Instant at) {
        return GroupMember.of(agentId, agentName, tools, channels, model, rowStatus, at);
    }

    MemberCard withStatus(String newStatus) {
        return new MemberCard(agentId, agentName, model, tools, channels, newStatus, heartbeat);
    }
}
