package gomikrobot.tools;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything a tool needs to know about the call it serves: the trace and task, where the message came from
 * ({@code internal} = the owner's own message), the roots file and shell tools may touch (the workspace and,
 * when configured, the work repo) and the task's deadline ({@code null} = none).
 */
public record ToolContext(String traceId, String taskId, String channel, String chatId, String senderId,
                          boolean internal, Path workspace, Path workRepo, Instant deadline) {
    public ToolContext {
        if (workspace == null) {
            throw new IllegalArgumentException("tool context needs a workspace");
        }
    }

    /** The directories file and shell tools are confined to: the workspace, then the work repo if any. */
    public List<Path> roots() {
        return workRepo == null ? List.of(workspace) : List.of(workspace, workRepo);
    }
}
