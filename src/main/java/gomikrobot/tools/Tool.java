package gomikrobot.tools;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/**
 * A capability offered to the model. Implementations are stateless and safe to share across threads: all
 * per-call state arrives in the {@link ToolContext}. Arguments reach {@link #execute} only after the registry
 * has checked them against {@link #parameters()} ({@code required} and primitive {@code type}s).
 */
public interface Tool {
    /** The function name the model calls: letters, digits, {@code _} and {@code -}, at most 64. */
    String name();

    String description();

    /** A JSON schema object: {@code {"type":"object","properties":{...},"required":[...]}}. */
    Map<String, Object> parameters();

    /** 0 read-only, 1 controlled writes, 2 high impact (DESIGN.md section 5). */
    int tier();

    ToolResult execute(JsonObject args, ToolContext ctx);

    /**
     * A rule these arguments break, checked before the policy decides so the refusal is audited with the
     * decision (e.g. a denied shell command). Empty for most tools.
     */
    default Optional<String> refusal(JsonObject args) {
        return Optional.empty();
    }

    /**
     * The arguments in one line, as the owner reads them when asked to approve the call: the JSON object unless
     * the tool knows better (the command, for {@code exec}).
     */
    default String summary(JsonObject args) {
        return Json.write(args.asMap());
    }
}
