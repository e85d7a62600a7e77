package gomikrobot.backup;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The four parts of an installation a backup holds, each under a fixed name inside the backup folder. The
 * enum is the one place that maps a name inside a backup to the live path it comes from and goes back to.
 */
public enum Section {
    DATABASE("timeline.db", false),
    CONFIG("config.json", false),
    WHATSAPP("whatsapp", true),
    WORKSPACE("workspace", true);

    private final String fileName;
    private final boolean folder;

    Section(String fileName, boolean folder) {
        this.fileName = fileName;
        this.folder = folder;
    }

    /** Its name inside the backup folder. */
    public String fileName() {
        return fileName;
    }

    public boolean isFolder() {
        return folder;
    }

    /** Where this section lives in the installation described by {@code paths}. */
    Path live(DataPaths paths) {
        return switch (this) {
            case DATABASE -> paths.database();
            case CONFIG -> paths.config();
            case WHATSAPP -> paths.whatsapp();
            case WORKSPACE -> paths.workspace();
        };
    }

    /** The section a path inside a backup ("workspace/SOUL.md", "timeline.db") belongs to. */
    static Optional<Section> of(String relativePath) {
        for (Section s : values()) {
            if (s.folder ? relativePath.startsWith(s.fileName + "/") : relativePath.equals(s.fileName)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The lower-case name used in MANIFEST.json and in messages. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Section> byKey(String key) {
        for (Section s : values()) {
            if (s.key().equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
