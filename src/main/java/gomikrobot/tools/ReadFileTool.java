package gomikrobot.tools;

import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** {@code read_file} (tier 0): a text file inside the workspace or work repo, cut at {@value #MAX_BYTES} bytes. */
public final class ReadFileTool implements Tool {
    static final int MAX_BYTES = 200_000;

    private final Path home;

    /** {@code home} is what {@code ~} expands to. */
    public ReadFileTool(Path home) {
        this.home = home;
    }

    @Override
    public String name() {
        return "read_file";
    }

    @Override
    public String description() {
        return "Read a text file. Paths are relative to the workspace; only the workspace and the work repo are readable.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Schema.object(Map.of("path", Schema.string("File path, relative to the workspace")), "path");
    }

    @Override
    public int tier() {
        return 0;
    }

    @Override
    public ToolResult execute(JsonObject args, ToolContext ctx) {
        String path = args.string("path", "");
        ConfinedPath file = new PathGuard(ctx.roots(), home).locate(path, ctx.workspace());
        try {
            ConfinedPath.Head head = file.readHead(MAX_BYTES);
            if (FileText.looksBinary(head.bytes())) {
                return new ToolResult.Failed("binary file, not shown: " + path + " (" + head.size() + " bytes)");
            }
            String text = new String(head.bytes(), StandardCharsets.UTF_8);
            if (head.truncated()) {
                text += "\n... (truncated: showed the first " + head.bytes().length + " of " + head.size() + " bytes)";
            }
            return new ToolResult.Ok(text.isEmpty() ? "(empty file)" : text);
        } catch (NotAFileException e) {
            return new ToolResult.Failed((e.isFolder() ? "is a directory (use list_dir): " : "not a regular file: ") + path);
        } catch (IOException e) {
            return new ToolResult.Failed("cannot read " + path + ": " + FileText.describe(e));
        }
    }
}
