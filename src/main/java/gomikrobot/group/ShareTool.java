package gomikrobot.group;

import gomikrobot.config.GroupConfig;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.memory.Memory;
import gomikrobot.tools.Schema;
import gomikrobot.tools.Tool;
import gomikrobot.tools.ToolContext;
import gomikrobot.tools.ToolResult;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code share} (tier 1): shares a piece of knowledge with every member of the group, into their memory. */
final class ShareTool implements Tool {
    private final GroupNode node;

    ShareTool(GroupNode node) {
        this.node = node;
    }

    @Override
    public String name() {
        return GroupConfig.TOOLS.get(1);
    }

    @Override
    public String description() {
        return "Share a fact or note with every agent of your group; each stores it in its long-term memory.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Schema.object(Json.object(
                "title", Schema.string("A short title"),
                "content", Schema.string("The text to share, self-contained"),
                "tags", Schema.string("Optional comma-separated tags")), "content");
    }

    @Override
    public int tier() {
        return 1;
    }

    @Override
    public ToolResult execute(JsonObject args, ToolContext ctx) {
        String content = args.string("content", "").strip();
        if (content.isEmpty() || content.length() > Memory.MAX_CONTENT_CHARS) {
            return new ToolResult.Failed("content must be 1-" + Memory.MAX_CONTENT_CHARS + " characters");
        }
        List<String> tags = Arrays.stream(args.string("tags", "").split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
        try {
            var item = node.share(args.string("title", "").strip(), "text/plain", content, tags);
            return new ToolResult.Ok("Shared with the group (item " + item.itemId() + ")");
        } catch (GroupException e) {
            return new ToolResult.Failed(e.getMessage());
        }
    }
}
