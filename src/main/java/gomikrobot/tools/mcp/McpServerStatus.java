package gomikrobot.tools.mcp;

import gomikrobot.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where one configured MCP server stands: {@code starting}, {@code ready}, {@code failed} (with the reason and,
 * since it is tried again, when), {@code disabled} or {@code stopped}; its transport, its tools' tier and the
 * names its tools have here; the child's pid for a stdio server that runs.
 */
public record McpServerStatus(String name, String transport, int tier, State state, String detail,
                              List<String> tools, Instant nextAttemptAt, long pid) {
    /** The life of a server's link. */
    public enum State { STARTING, READY, FAILED, DISABLED, STOPPED }

    public McpServerStatus {
        tools = List.copyOf(tools);
    }

    /** For {@code /readyz}, {@code /api/v1/status} and the dashboard; {@code tools} as names or as a count. */
    public Map<String, Object> describe(boolean withToolNames) {
        Map<String, Object> out = Json.object("state", state.name().toLowerCase(java.util.Locale.ROOT),
                "transport", transport, "tier", tier, "tools", withToolNames ? tools : (Object) tools.size());
        if (!detail.isEmpty()) {
            out.put("detail", detail);
        }
        if (nextAttemptAt != null) {
            out.put("next_attempt_at", nextAttemptAt.toString());
        }
        if (pid > 0) {
            out.put("pid", pid);
        }
        return out;
    }
}
