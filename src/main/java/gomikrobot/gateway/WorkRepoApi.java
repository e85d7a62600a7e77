package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.json.Json;
import gomikrobot.timeline.SettingsStore;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code GET/POST /api/v1/workrepo} (contract §3.1, §3.3): shows the live work repo, or switches it. A POST
 * normalises the path as the original does, ensures the repo exists (§4.4), stores setting
 * {@code work_repo_path} so the choice survives a restart, and only then switches {@link WorkRepoHolder}.
 */
final class WorkRepoApi {
    static final String PATH = "/api/v1/workrepo";
    static final String SETTING = "work_repo_path";

    private final WorkRepoHolder holder;
    private final WorkRepo workRepo;
    private final SettingsStore settings;
    private final Path home;
    private final Path workingDirectory;

    /**
     * @param home             what a leading {@code ~} stands for
     * @param workingDirectory what a relative path is resolved against (the process's)
     */
    WorkRepoApi(WorkRepoHolder holder, WorkRepo workRepo, SettingsStore settings, Path home, Path workingDirectory) {
        this.holder = holder;
        this.workRepo = workRepo;
        this.settings = settings;
        this.home = home;
        this.workingDirectory = workingDirectory;
    }

    void mount(Router router) {
        router.exact(PATH, this::handle, "GET", "POST");
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            Responses.json(exchange, 200, Map.of("path", holder.current().toString()));
            return;
        }
        String requested = Requests.string(Requests.body(exchange), "path");
        if (requested.isBlank()) {
            throw HttpError.badRequest("path required");
        }
        Path path = normalize(requested);
        try {
            workRepo.ensure(path);
        } catch (IOException e) {
            throw new HttpError(500, "cannot create " + path + ": " + e.getMessage());
        }
        settings.put(SETTING, path.toString());
        holder.set(path);
        Responses.json(exchange, 200, Json.object("path", path.toString(), "status", "ok"));
    }

    /**
     * The original's steps, in order: trim; keep from the last {@code /Users/} or {@code C:\} when it is not
     * at the start (a path pasted after some other text); {@code ~} means home; relative means relative to
     * the working directory. The result is absolute and lexically clean.
     */
    Path normalize(String raw) {
        String text = fromLast(fromLast(raw.strip(), "/Users/"), "C:\\");
        try {
            Path path;
            if (text.startsWith("~")) {
                String rest = text.substring(1).replaceFirst("^[/\\\\]+", "");
                path = rest.isEmpty() ? home : home.resolve(rest);
            } else {
                path = Path.of(text);
            }
            return (path.isAbsolute() ? path : workingDirectory.resolve(path)).normalize();
        } catch (InvalidPathException e) {
            throw HttpError.badRequest("invalid path");
        }
    }

    private static String fromLast(String text, String marker) {
        int at = text.lastIndexOf(marker);
        return at > 0 ? text.substring(at) : text;
    }
}
