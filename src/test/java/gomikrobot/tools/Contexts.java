package gomikrobot.tools;

import java.nio.file.Path;

/** Tool contexts for tests: an owner's CLI message in the given workspace and work repo. */
final class Contexts {
    private Contexts() {
    }

    static ToolContext owner(Path workspace, Path workRepo) {
        return new ToolContext("trace-1", "task-1", "cli", "chat-1", "owner", true, workspace, workRepo, null);
    }

    static ToolContext external(Path workspace) {
        return new ToolContext("trace-2", "task-2", "whatsapp", "chat-2", "stranger@s.whatsapp.net", false,
                workspace, null, null);
    }
}
