package gomikrobot.backup;

/**
 * Told how far the copy of one part of a backup or restore has come, after every chunk written: {@code part}
 * is a section's name ("workspace") or "verify", {@code done} and {@code total} are bytes. Called on the
 * copying thread; implementations decide what is worth showing.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (part, done, total) -> { };

    void update(String part, long done, long total);
}
