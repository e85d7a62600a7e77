package gomikrobot.tools;

import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code list_dir} (tier 0): the names in a directory, sorted, directories marked with a trailing {@code /},
 * at most {@value #MAX_ENTRIES}. Symlinks are listed by name and not followed.
 */
public final class ListDirTool implements Tool {
    static final int MAX_ENTRIES = 1000;

    private final Path home;

    /** {@code home} is what {@code ~} expands to. */
    public ListDirTool(Path home) {
        this.home = home;
    }

    @Override
    public String name() {
        return "list_dir";
    }

    @Override
    public String description() {
        return "List a directory's entries (directories end with /). Path defaults to the workspace.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Schema.object(Map.of("path", Schema.string("Directory path, relative to the workspace (default .)")));
    }

    @Override
    public int tier() {
        return 0;
    }

    @Override
    public ToolResult execute(JsonObject args, ToolContext ctx) {
        String path = args.string("path", ".");
        ConfinedPath dir = new PathGuard(ctx.roots(), home).locate(path.isBlank() ? "." : path, ctx.workspace());
        List<String> names;
        try {
            names = dir.list().stream().map(ListDirTool::label).toList();
        } catch (IOException e) {
            return new ToolResult.Failed("cannot list " + path + ": " + FileText.describe(e));
        }
        if (names.isEmpty()) {
            return new ToolResult.Ok("(empty directory)");
        }
        String listing = String.join("\n", names.subList(0, Math.min(names.size(), MAX_ENTRIES)));
        if (names.size() > MAX_ENTRIES) {
            listing += "\n... (" + (names.size() - MAX_ENTRIES) + " more entries not shown)";
        }
        return new ToolResult.Ok(listing);
    }

    private static String label(ConfinedPath.Entry entry) {
        return entry.attributes().isDirectory() ? entry.name() + "/" : entry.name();
    }
}
