package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import gomikrobot.backup.Backup;
import gomikrobot.backup.BackupException;
import gomikrobot.backup.DataPaths;
import gomikrobot.backup.Manifest;
import gomikrobot.backup.Progress;
import gomikrobot.config.Config;
import gomikrobot.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code POST /api/v1/backup}: takes a backup of the running installation into a new folder
 * {@code <home>/backups/gomikrobot-backup-<timestamp>} and answers {@code {"path": …, "manifest": {…}}}. The
 * folder is never chosen by the caller (an HTTP client must not make the gateway write where it likes), so the
 * request body is ignored. One backup at a time: a second request meanwhile is 409; a failed backup is 500
 * with its reason and leaves no folder behind.
 */
final class BackupApi implements HttpHandler {
    static final String PATH = "/api/v1/backup";
    static final String BACKUPS_FOLDER = "backups";

    private final Backup backup;
    private final Path backupsDir;
    private final ReentrantLock running = new ReentrantLock();

    BackupApi(Backup backup, Path backupsDir) {
        this.backup = backup;
        this.backupsDir = backupsDir.toAbsolutePath().normalize();
    }

    /** Backs up the configured installation into {@code <home>/backups/}. */
    static BackupApi forConfig(Config config, Clock clock, String appVersion) {
        return new BackupApi(new Backup(DataPaths.of(config), clock, appVersion, Progress.NONE),
                config.home().resolve(BACKUPS_FOLDER));
    }

    void mount(Router router) {
        router.exact(PATH, this, "POST");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!running.tryLock()) {
            throw new HttpError(409, "a backup is already running");
        }
        try {
            Path target = backup.newTarget(backupsDir);
            Manifest manifest = backup.create(target);
            Responses.json(exchange, 200, Json.object("path", target.toString(), "manifest", manifest.toJson()));
        } catch (BackupException e) {
            throw new HttpError(500, e.getMessage());
        } finally {
            running.unlock();
        }
    }
}
