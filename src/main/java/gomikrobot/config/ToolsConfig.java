package gomikrobot.config;

/** Tool settings. */
public record ToolsConfig(ExecToolConfig exec) {
}
