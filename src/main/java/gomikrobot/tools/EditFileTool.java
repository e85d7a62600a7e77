package gomikrobot.tools;

import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code edit_file} (tier 1): replaces one exact occurrence of {@code old_text} with {@code new_text} in an
 * existing UTF-8 text file. Zero or several occurrences are refused, so an edit never lands in the wrong place.
 * Files (before and after) are capped like {@link WriteFileTool}.
 */
public final class EditFileTool implements Tool {
    private final Path home;

    /** {@code home} is what {@code ~} expands to. */
    public EditFileTool(Path home) {
        this.home = home;
    }

    @Override
    public String name() {
        return "edit_file";
    }

    @Override
    public String description() {
        return "Replace text in a file: old_text must occur exactly once; include surrounding lines to make it unique.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Schema.object(Map.of(
                "path", Schema.string("File path, relative to the workspace"),
                "old_text", Schema.string("The exact text to replace; must occur exactly once"),
                "new_text", Schema.string("The replacement text")), "path", "old_text", "new_text");
    }

    @Override
    public int tier() {
        return 1;
    }

    @Override
    public ToolResult execute(JsonObject args, ToolContext ctx) {
        String path = args.string("path", "");
        String oldText = args.string("old_text", "");
        String newText = args.string("new_text", "");
        if (oldText.isEmpty()) {
            return new ToolResult.Failed("old_text is empty");
        }
        ConfinedPath file = new PathGuard(ctx.roots(), home).locate(path, ctx.workspace());
        try {
            ConfinedPath.Head head = file.readHead(WriteFileTool.MAX_BYTES);
            if (head.truncated()) {
                return new ToolResult.Failed("file is larger than " + WriteFileTool.MAX_BYTES + " bytes: " + path);
            }
            Optional<String> text = FileText.looksBinary(head.bytes()) ? Optional.empty() : FileText.decodeStrict(head.bytes());
            if (text.isEmpty()) {
                return new ToolResult.Failed("not a UTF-8 text file: " + path);
            }
            int count = occurrences(text.get(), oldText);
            if (count != 1) {
                return new ToolResult.Failed(count == 0
                        ? "old_text not found in " + path
                        : "old_text occurs " + count + " times in " + path + "; include more surrounding text");
            }
            byte[] edited = text.get().replace(oldText, newText).getBytes(StandardCharsets.UTF_8);
            if (edited.length > WriteFileTool.MAX_BYTES) {
                return new ToolResult.Failed("edited file would exceed " + WriteFileTool.MAX_BYTES + " bytes");
            }
            file.write(edited);
        } catch (NotAFileException e) {
            return new ToolResult.Failed("not a regular file: " + path);
        } catch (IOException e) {
            return new ToolResult.Failed("cannot edit " + path + ": " + FileText.describe(e));
        }
        return new ToolResult.Ok("Edited " + path);
    }

    /** Overlapping occurrences count too: "aa" in "aaa" is ambiguous, so it must not pass as unique. */
    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
