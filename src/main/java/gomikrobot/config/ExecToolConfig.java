package gomikrobot.config;

import java.time.Duration;
import java.util.List;

/**
 * The shell tool: per-command timeout (default 60 s), whether its working directory and {@code ../} are kept
 * to the workspace (default true; a guard rail, not a confinement), an optional strict allowlist of command
 * names (empty = deny patterns only), the sandbox it runs in (default {@link SandboxMode#AUTO}) and whether
 * the sandbox shares the network (default true).
 */
public record ExecToolConfig(Duration timeout, boolean restrictToWorkspace, List<String> allowCommands,
                             SandboxMode sandbox, boolean network) {

    /** {@code tools.exec.sandbox}. */
    public enum SandboxMode {
        /** bubblewrap when it works on this machine (checked once at start), else unsandboxed with a warning */
        AUTO,
        /** bubblewrap or nothing: exec refuses every command when it does not work */
        BUBBLEWRAP,
        /** never sandboxed */
        OFF
    }

    /** The defaults for the sandbox: {@code auto}, network shared. */
    public ExecToolConfig(Duration timeout, boolean restrictToWorkspace, List<String> allowCommands) {
        this(timeout, restrictToWorkspace, allowCommands, SandboxMode.AUTO, true);
    }
}
