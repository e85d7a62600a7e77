package gomikrobot.tools;

import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code write_file} (tier 1): creates or replaces a text file inside the workspace or work repo, creating
 * missing parent directories; content is capped at {@value #MAX_BYTES} bytes of UTF-8.
 */
public final class WriteFileTool implements Tool {
    static final int MAX_BYTES = 1024 * 1024;

    private final Path home;

    /** {@code home} is what {@code ~} expands to. */
    public WriteFileTool(Path home) {
        this.home = home;
    }

    @Override
    public String name() {
        return "write_file";
    }

    @Override
    public String description() {
        return "Create or overwrite a text file (parent directories are created). Paths are relative to the workspace.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Schema.object(Map.of(
                "path", Schema.string("File path, relative to the workspace"),
                "content", Schema.string("The complete new content of the file")), "path", "content");
    }

    @Override
    public int tier() {
        return 1;
    }

    @Override
    public ToolResult execute(JsonObject args, ToolContext ctx) {
        String path = args.string("path", "");
        byte[] content = args.string("content", "").getBytes(StandardCharsets.UTF_8);
        if (content.length > MAX_BYTES) {
            return new ToolResult.Failed("content is " + content.length + " bytes; the limit is " + MAX_BYTES);
        }
        ConfinedPath file = new PathGuard(ctx.roots(), home).locate(path, ctx.workspace());
        try {
            file.write(content);
        } catch (NotAFileException e) {
            return new ToolResult.Failed((e.isFolder() ? "is a directory: " : "not a regular file: ") + path);
        } catch (IOException e) {
            return new ToolResult.Failed("cannot write " + path + ": " + FileText.describe(e));
        }
        return new ToolResult.Ok("Wrote " + content.length + " bytes to " + path);
    }
}
