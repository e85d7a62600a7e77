package gomikrobot.config;

import java.nio.file.Path;

/**
 * Where things live. {@code workspace} holds the soul files, {@code sessions/} and {@code media/} (default
 * {@code <home>/workspace}); {@code workRepoPath} is the repository the agent and the dashboard work on
 * (default {@code ~/GoMikroBot-Workspace}); {@code systemRepoPath} is the bot's own identity repo (none by default).
 */
public record PathsConfig(Path workspace, Path workRepoPath, Path systemRepoPath) {
}
