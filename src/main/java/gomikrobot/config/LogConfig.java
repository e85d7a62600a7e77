package gomikrobot.config;

/** Log level (debug, info, warn, error) and whether lines are JSON instead of {@code key=value}. */
public record LogConfig(String level, boolean json) {
}
