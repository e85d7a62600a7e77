package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.git.RepoLocations;
import gomikrobot.git.Repos;
import gomikrobot.git.WorkRepo;
import gomikrobot.git.WorkRepoHolder;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.timeline.SettingsStore;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code GET/POST /api/v1/workrepo} (contract §3.1, §3.3): shows the live work repo, or switches it. A POST
 * normalises the path as the original does, checks it against {@link RepoLocations} (400 outside the allowed
 * folders), ensures the repo exists (§4.4; 409 for a folder with content that is not a git repository unless
 * {@code "init": true}, or one that cannot be created), stores setting {@code work_repo_path} so the choice
 * survives a restart, and only then switches the live work repo. A refused switch creates nothing.
 */
final class WorkRepoApi {
    static final String PATH = "/api/v1/workrepo";
    private final WorkRepoHolder holder;
    private final RepoLocations locations;
    private final WorkRepo workRepo;
    private final SettingsStore settings;
    private final Path home;
    private final Path workingDirectory;

    /**
     * @param home             what a leading {@code ~} stands for
     * @param workingDirectory what a relative path is resolved against (the process's)
     */
    WorkRepoApi(Repos repos, WorkRepo workRepo, SettingsStore settings, Path home, Path workingDirectory) {
        this.holder = repos.workRepoHolder();
        this.locations = repos.locations();
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
        JsonObject body = Requests.body(exchange);
        String requested = Requests.string(body, "path");
        if (requested.isBlank()) {
            throw HttpError.badRequest("path required");
        }
        Path path = normalize(requested);
        boolean init = Requests.bool(body, "init");
        locations.check(path).or(() -> workRepo.ensure(path, init)).ifPresent(refusal -> {
            throw switch (refusal.kind()) {
                case OUTSIDE_ALLOWED_FOLDERS -> HttpError.badRequest(refusal.message());
                case NOT_A_REPOSITORY -> new HttpError(409, refusal.message() + "; send {\"init\": true} to make it one");
                case CANNOT_CREATE -> new HttpError(409, refusal.message());
            };
        });
        settings.put(Repos.WORK_REPO_SETTING, path.toString());
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
