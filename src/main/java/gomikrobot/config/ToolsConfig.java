package gomikrobot.config;

import java.util.Map;

/**
 * Tool settings: the shell tool, and {@code tiers}, the tier a user gives a tool by name instead of its own
 * ({@code tools.tiers}; names are checked against the tools when the agent is built).
 */
public record ToolsConfig(ExecToolConfig exec, Map<String, Integer> tiers) {
    public ToolsConfig {
        tiers = Map.copyOf(tiers);
    }

    /** No tier given by the user. */
    public ToolsConfig(ExecToolConfig exec) {
        this(exec, Map.of());
    }
}
