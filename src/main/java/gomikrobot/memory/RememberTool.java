package gomikrobot.memory;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.tools.Schema;
import gomikrobot.tools.Tool;
import gomikrobot.tools.ToolContext;
import gomikrobot.tools.ToolResult;
import java.util.Map;

/** {@code remember} (tier 1): stores a fact in long-term memory, where recall and every later prompt can find it. */
final class RememberTool implements Tool {
    private final Memory memory;

    RememberTool(Memory memory) {
        this.memory = memory;
    }

    @Override
    public String name() {
        return "remember";
    }

    @Override
    public String description() {
        return "Save a fact, preference or note to long-term memory so it can be recalled in later conversations.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Schema.object(Json.object(
                "content", Schema.string("The text to remember, self-contained"),
                "tags", Schema.string("Optional comma-separated tags")), "content");
    }

    @Override
    public int tier() {
        return 1;
    }

    @Override
    public ToolResult execute(JsonObject args, ToolContext ctx) {
        String content = args.string("content", "").strip();
        String tags = args.string("tags", "").strip();
        if (content.isEmpty()) {
            return new ToolResult.Failed("content is empty");
        }
        if (content.length() > Memory.MAX_CONTENT_CHARS) {
            return new ToolResult.Failed("content is longer than " + Memory.MAX_CONTENT_CHARS + " characters");
        }
        if (tags.length() > Memory.MAX_TAGS_CHARS) {
            return new ToolResult.Failed("tags are longer than " + Memory.MAX_TAGS_CHARS + " characters");
        }
        Memory.Remembered saved = memory.remember(content, tags);
        return new ToolResult.Ok("Remembered (id " + saved.chunk().id() + ")" + (saved.embedded() ? ""
                : "; stored for keyword search only, because no embedding model is available"));
    }
}
