package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import gomikrobot.git.GitResult;
import gomikrobot.git.PullRequest;
import gomikrobot.git.RepoCommands;
import gomikrobot.git.RepoPaths;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /api/v1/repo/*} (contract §4): browse, diff and commit the work repo, or the identity repo with
 * {@code ?repo=identity}. Reading routes answer GET; the six that change something (checkout, commit, pull,
 * push, init, pr) answer POST only. Every {@code path} stays inside its repo, {@code limit} is 1..1000, and
 * git/gh run through {@link RepoCommands}. A refusal by git (unknown branch, nothing to commit, no commits
 * yet, no remote, no identity) is 409 with git's own words in the contract's error string, a timeout 504, a
 * missing git or gh 503, a repo that is not configured 409; {@code status} and {@code gh-auth} report
 * failures inside a 200 as the UI expects.
 */
final class RepoApi implements HttpHandler {
    static final String PREFIX = "/api/v1/repo/";
    private static final List<String> READS =
            List.of("tree", "file", "status", "search", "gh-auth", "branches", "log", "diff-file", "diff");
    private static final List<String> WRITES = List.of("checkout", "commit", "pull", "push", "init", "pr");
    static final int MAX_LOG_LIMIT = 1000;

    private final RepoPaths paths;
    private final RepoCommands git;
    private final RepoFiles files = new RepoFiles();

    RepoApi(RepoPaths paths, RepoCommands git) {
        this.paths = paths;
        this.git = git;
    }

    void mount(Router router) {
        READS.forEach(name -> router.exact(PREFIX + name, this, "GET"));
        WRITES.forEach(name -> router.exact(PREFIX + name, this, "POST"));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Object body = switch (exchange.getRequestURI().getPath().substring(PREFIX.length())) {
            case "tree" -> files.tree(repo(exchange), Requests.param(exchange, "path").strip());
            case "file" -> file(exchange);
            case "status" -> status(exchange);
            case "search" -> search();
            case "gh-auth" -> ghAuth();
            case "branches" -> Map.of("branches", lines(outputOrFail(git.branches(repo(exchange)))));
            case "log" -> log(exchange);
            case "diff-file" -> Map.of("diff", outputOrFail(git.diff(repo(exchange), gitPath(exchange, required(exchange, "path")))));
            case "diff" -> diff(exchange);
            case "checkout" -> checkout(exchange);
            case "commit" -> commit(exchange);
            case "pull" -> Map.of("result", outputOrFail(git.pull(repo(exchange))));
            case "push" -> Map.of("result", outputOrFail(git.push(repo(exchange))));
            case "init" -> init(exchange);
            case "pr" -> pullRequest(exchange);
            default -> throw HttpError.notFound();
        };
        Responses.json(exchange, 200, body);
    }

    private Object file(HttpExchange exchange) throws IOException {
        String path = required(exchange, "path");
        String content = files.content(repo(exchange), path);
        return Json.object("content", content, "path", path);
    }

    private Object status(HttpExchange exchange) {
        Optional<Path> repo = selected(exchange);
        if (repo.isEmpty()) {
            return Json.object("error", notConfigured(exchange), "status", "");
        }
        GitResult status = git.status(repo.get());
        if (!(status instanceof GitResult.Done done)) {
            return Json.object("error", status.text(), "status", "");
        }
        String remote = git.remotes(repo.get()) instanceof GitResult.Done r ? r.output() : "";
        return Json.object("remote", remote, "status", done.output());
    }

    private Object search() {
        return paths.searchRoot().map(files::search).orElseGet(() -> Json.object("repos", List.of(), "root", ""));
    }

    private Object ghAuth() {
        GitResult auth = git.ghAuthStatus();
        return Json.object("detail", auth.text(), "status", auth instanceof GitResult.Done ? "ok" : "not_authenticated");
    }

    private Object log(HttpExchange exchange) {
        String limit = Requests.param(exchange, "limit").strip();
        int n;
        try {
            n = limit.isEmpty() ? 20 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_LOG_LIMIT) {
            throw HttpError.badRequest("limit must be an integer from 1 to " + MAX_LOG_LIMIT);
        }
        return Map.of("commits", lines(outputOrFail(git.log(repo(exchange), n))));
    }

    private Object diff(HttpExchange exchange) throws IOException {
        String path = Requests.param(exchange, "path").strip();
        Path repo = repo(exchange);
        return Map.of("diff", outputOrFail(git.diff(repo, path.isEmpty() ? "" : gitPath(exchange, path))));
    }

    private Object checkout(HttpExchange exchange) throws IOException {
        String branch = Requests.string(Requests.body(exchange), "branch").strip();
        if (branch.isEmpty()) {
            throw HttpError.badRequest("branch required");
        }
        Path repo = repo(exchange);
        return Map.of("result", outputOrFail(validated(() -> git.checkout(repo, branch))));
    }

    private Object commit(HttpExchange exchange) throws IOException {
        String message = Requests.string(Requests.body(exchange), "message").strip();
        if (message.isEmpty()) {
            throw HttpError.badRequest("message required");
        }
        return Map.of("result", outputOrFail(git.commitAll(repo(exchange), message)));
    }

    private Object init(HttpExchange exchange) throws IOException {
        String remote = Requests.string(Requests.body(exchange), "remote_url").strip();
        Path repo = repo(exchange);
        outputOrFail(validated(() -> git.init(repo, remote)));
        return Map.of("status", "ok");
    }

    private Object pullRequest(HttpExchange exchange) throws IOException {
        JsonObject body = Requests.body(exchange);
        PullRequest pr = validated(() -> new PullRequest(Requests.string(body, "title"), Requests.string(body, "body"),
                Requests.string(body, "base"), Requests.string(body, "head"), Requests.bool(body, "draft")));
        return Map.of("result", outputOrFail(git.pullRequest(repo(exchange), pr)));
    }

    // ---- helpers

    private Optional<Path> selected(HttpExchange exchange) {
        return isIdentity(exchange) ? paths.identityRepo() : paths.workRepo();
    }

    private Path repo(HttpExchange exchange) {
        return selected(exchange).orElseThrow(() -> new HttpError(409, notConfigured(exchange) + (isIdentity(exchange)
                ? ": set paths.systemRepoPath in config.json (or MIKROBOT_AGENTS_SYSTEM_REPO_PATH) or the setting "
                        + "bot_repo_path, then restart the gateway" : " (POST /api/v1/workrepo sets one)")));
    }

    private static boolean isIdentity(HttpExchange exchange) {
        return Requests.param(exchange, "repo").equals("identity");
    }

    private static String notConfigured(HttpExchange exchange) {
        return (isIdentity(exchange) ? "identity" : "work") + " repo not configured";
    }

    private static String required(HttpExchange exchange, String name) {
        String value = Requests.param(exchange, name).strip();
        if (value.isEmpty()) {
            throw HttpError.badRequest(name + " required");
        }
        return value;
    }

    /** The user's path as git should see it: relative to the repo root, confined to it. */
    private String gitPath(HttpExchange exchange, String path) throws IOException {
        Path repo = RepoFiles.realRepo(repo(exchange));
        String relative = Confinement.relativeName(repo, path).orElseThrow(() -> HttpError.badRequest(RepoFiles.OUTSIDE));
        return relative.isEmpty() ? "." : relative;
    }

    /** The output, or the failure as its status: 409 git refused, 504 timed out, 503 git or gh cannot run. */
    private static String outputOrFail(GitResult result) {
        return switch (result) {
            case GitResult.Done done -> done.output();
            case GitResult.Refused refused -> throw new HttpError(409, refused.error());
            case GitResult.TimedOut timedOut -> throw new HttpError(504, timedOut.error());
            case GitResult.CannotRun cannotRun -> throw new HttpError(503, cannotRun.error());
        };
    }

    /** What a request asks for, built where the rules live; a broken rule is the client's 400. */
    private static <T> T validated(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    private static List<String> lines(String output) {
        return output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
