package gomikrobot.config;

import java.time.Duration;
import java.util.List;

/**
 * The shell tool: per-command timeout (default 60 s), whether it runs only inside the workspace (default
 * true), and an optional strict allowlist of command names (empty = deny patterns only).
 */
public record ExecToolConfig(Duration timeout, boolean restrictToWorkspace, List<String> allowCommands) {
}
