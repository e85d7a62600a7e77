package gomikrobot.backup;

import gomikrobot.config.Config;
import java.nio.file.Path;
import java.util.List;

/**
 * Where an installation keeps what a backup holds: the home, its database, config file and WhatsApp session
 * folder, and the workspace (which the configuration may put outside the home). All paths absolute.
 */
public record DataPaths(Path home, Path database, Path config, Path whatsapp, Path workspace) {

    public DataPaths {
        home = home.toAbsolutePath().normalize();
        database = database.toAbsolutePath().normalize();
        config = config.toAbsolutePath().normalize();
        whatsapp = whatsapp.toAbsolutePath().normalize();
        workspace = workspace.toAbsolutePath().normalize();
    }

    public static DataPaths of(Config config) {
        return new DataPaths(config.home(), config.databaseFile(), config.configFile(), config.whatsappDir(),
                config.paths().workspace());
    }

    /** The database's companion files SQLite may leave next to it; they belong to the live file only. */
    List<Path> databaseCompanions() {
        String name = database.getFileName().toString();
        return List.of(database.resolveSibling(name + "-wal"), database.resolveSibling(name + "-shm"),
                database.resolveSibling(name + "-journal"));
    }

    /** The live path of a file inside a backup, e.g. "workspace/sessions/a.jsonl" -> workspace/sessions/a.jsonl. */
    Path live(Section section, String relativePath) {
        Path root = section.live(this);
        if (!section.isFolder()) {
            return root;
        }
        return root.resolve(relativePath.substring(section.fileName().length() + 1));
    }
}
