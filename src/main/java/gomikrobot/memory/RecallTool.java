package gomikrobot.memory;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.tools.Schema;
import gomikrobot.tools.Tool;
import gomikrobot.tools.ToolContext;
import gomikrobot.tools.ToolResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code recall} (tier 0): searches long-term memory and lists the best matches with their scores. */
final class RecallTool implements Tool {
    static final int DEFAULT_LIMIT = 5;
    static final int MAX_LIMIT = 20;

    private final Memory memory;

    RecallTool(Memory memory) {
        this.memory = memory;
    }

    @Override
    public String name() {
        return "recall";
    }

    @Override
    public String description() {
        return "Search long-term memory (remembered facts and the soul files) for text relevant to a query.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Schema.object(Json.object(
                "query", Schema.string("What to look for"),
                "limit", Schema.integer("How many results, 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")")),
                "query");
    }

    @Override
    public int tier() {
        return 0;
    }

    @Override
    public ToolResult execute(JsonObject args, ToolContext ctx) {
        String query = args.string("query", "").strip();
        long limit = args.integer("limit", DEFAULT_LIMIT);
        if (query.isEmpty()) {
            return new ToolResult.Failed("query is empty");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return new ToolResult.Failed("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        List<MemoryHit> hits = memory.recall(query, (int) limit);
        if (hits.isEmpty()) {
            return new ToolResult.Ok("No memories match: " + query);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hits.size(); i++) {
            MemoryHit hit = hits.get(i);
            sb.append(i + 1).append(". [score ").append(String.format(Locale.ROOT, "%.2f", hit.score()))
                    .append(", ").append(Memory.origin(hit.chunk())).append("] ")
                    .append(Memory.excerpt(hit.chunk().content())).append('\n');
        }
        return new ToolResult.Ok(sb.toString().strip());
    }
}
