package gomikrobot.tools;

import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        Path file = new PathGuard(ctx.roots(), home).resolveExisting(path, ctx.workspace());
        if (Files.isDirectory(file)) {
            return new ToolResult.Failed("is a directory (use list_dir): " + path);
        }
        if (!Files.isRegularFile(file)) {
            return new ToolResult.Failed("not a regular file: " + path);
        }
        try {
            long size = Files.size(file);
            byte[] head = FileText.readPrefix(file, MAX_BYTES);
            if (FileText.looksBinary(head)) {
                return new ToolResult.Failed("binary file, not shown: " + path + " (" + size + " bytes)");
            }
            String text = new String(head, StandardCharsets.UTF_8);
            if (size > head.length) {
                text += "\n... (truncated: showed the first " + head.length + " of " + size + " bytes)";
            }
            return new ToolResult.Ok(text.isEmpty() ? "(empty file)" : text);
        } catch (IOException e) {
            return new ToolResult.Failed("cannot read " + path + ": " + FileText.describe(e));
        }
    }
}
