package gomikrobot.policy;

import gomikrobot.config.ConfigException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tier a tool call runs at: the user's {@code tools.tiers} entry for the tool's name, else the tool's own
 * tier. The one place this is decided, so built-in and MCP tools ({@code mcp_<server>_<tool>}) alike go through
 * it. Immutable.
 */
public final class ToolTiers {
    static final String KEY = "tools.tiers";
    private static final String MCP_PREFIX = "mcp_";

    private final Map<String, Integer> chosen;

    /** @param chosen {@code tools.tiers}: tier by tool name (checked against the tools by {@link #requireKnown}) */
    public ToolTiers(Map<String, Integer> chosen) {
        chosen.forEach((name, tier) -> {
            if (tier < 0) {
                throw new IllegalArgumentException(KEY + "." + name + " must not be negative: " + tier);
            }
        });
        this.chosen = Map.copyOf(chosen);
    }

    /** The tier {@code tool} runs at, {@code ownTier} being the tier it declares. */
    public int of(String tool, int ownTier) {
        return chosen.getOrDefault(tool, ownTier);
    }

    /**
     * Every name in {@code tools.tiers} must be a tool: one of {@code tools}, or {@code mcp_<server>_<tool>} for a
     * server in {@code mcpServers} (whose tools are only known once it runs).
     *
     * @throws ConfigException naming the first unknown entry and the tools there are
     */
    public void requireKnown(Collection<String> tools, Collection<String> mcpServers) {
        for (String name : new TreeSet<>(chosen.keySet())) {
            if (!tools.contains(name) && mcpServers.stream().noneMatch(server -> isToolOf(name, server))) {
                throw new ConfigException(KEY + "." + name + ": there is no tool named \"" + name + "\" (tools: "
                        + String.join(", ", new TreeSet<>(tools)) + "; a tool of an MCP server in tools.mcpServers"
                        + " is mcp_<server>_<tool>)");
            }
        }
    }

    private static boolean isToolOf(String name, String server) {
        String prefix = MCP_PREFIX + server + "_";
        return name.startsWith(prefix) && name.length() > prefix.length();
    }
}
