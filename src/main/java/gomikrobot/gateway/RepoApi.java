package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/repo/*} (contract §4): browse, diff and commit the work repo, or the identity repo with
 * {@code ?repo=identity}. Reading routes answer GET; the six that change something (checkout, commit, pull,
 * push, init, pr) answer POST only. Every {@code path} stays inside its repo, {@code limit} is 1..1000, and
 * git/gh run through {@link GitRunner} with its timeout. A failed command is 500 with the contract's error
 * string, except {@code status} and {@code gh-auth}, which report failures inside a 200 as the UI expects.
 */
final class RepoApi implements HttpHandler {
    static final String PREFIX = "/api/v1/repo/";
    private static final List<String> READS =
            List.of("tree", "file", "status", "search", "gh-auth", "branches", "log", "diff-file", "diff");
    private static final List<String> WRITES = List.of("checkout", "commit", "pull", "push", "init", "pr");
    static final int MAX_LOG_LIMIT = 1000;

    private final RepoPaths paths;
    private final GitRunner git;
    private final WorkRepo workRepo;
    private final RepoFiles files = new RepoFiles();

    RepoApi(RepoPaths paths, GitRunner git, WorkRepo workRepo) {
        this.paths = paths;
        this.git = git;
        this.workRepo = workRepo;
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
            case "branches" -> Map.of("branches", lines(gitOrFail(repo(exchange), "branch", "--format=%(refname:short)")));
            case "log" -> log(exchange);
            case "diff-file" -> Map.of("diff", gitOrFail(repo(exchange), "diff", "--", gitPath(exchange, required(exchange, "path"))));
            case "diff" -> diff(exchange);
            case "checkout" -> checkout(exchange);
            case "commit" -> commit(exchange);
            case "pull" -> Map.of("result", gitOrFail(repo(exchange), "pull", "--ff-only"));
            case "push" -> Map.of("result", gitOrFail(repo(exchange), "push"));
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
        return switch (git.run(repo.get(), "git", "status", "-sb")) {
            case GitRunner.Failed failed -> Json.object("error", failed.error(), "status", "");
            case GitRunner.Succeeded status -> {
                String remote = git.run(repo.get(), "git", "remote", "-v") instanceof GitRunner.Succeeded r ? r.output() : "";
                yield Json.object("remote", remote, "status", status.output());
            }
        };
    }

    private Object search() {
        return paths.searchRoot().map(files::search).orElseGet(() -> Json.object("repos", List.of(), "root", ""));
    }

    /** Runs where the gateway runs: gh's login does not depend on a repository. */
    private Object ghAuth() {
        return switch (git.run(Path.of("").toAbsolutePath(), "gh", "auth", "status", "-h", "github.com")) {
            case GitRunner.Succeeded ok -> Json.object("detail", ok.output(), "status", "ok");
            case GitRunner.Failed failed -> Json.object("detail", failed.error(), "status", "not_authenticated");
        };
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
        return Map.of("commits", lines(gitOrFail(repo(exchange), "log", "--oneline", "-n", Integer.toString(n))));
    }

    private Object diff(HttpExchange exchange) throws IOException {
        String path = Requests.param(exchange, "path").strip();
        Path repo = repo(exchange);
        String output = path.isEmpty() ? gitOrFail(repo, "diff") : gitOrFail(repo, "diff", "--", gitPath(exchange, path));
        return Map.of("diff", output);
    }

    private Object checkout(HttpExchange exchange) throws IOException {
        String branch = Requests.string(Requests.body(exchange), "branch").strip();
        if (branch.isEmpty()) {
            throw HttpError.badRequest("branch required");
        }
        if (branch.startsWith("-")) {
            throw HttpError.badRequest("invalid branch"); // would be read as an option of git checkout
        }
        return Map.of("result", gitOrFail(repo(exchange), "checkout", branch));
    }

    private Object commit(HttpExchange exchange) throws IOException {
        String message = Requests.string(Requests.body(exchange), "message").strip();
        if (message.isEmpty()) {
            throw HttpError.badRequest("message required");
        }
        Path repo = repo(exchange);
        gitOrFail(repo, "add", "-A");
        return Map.of("result", gitOrFail(repo, "commit", "-m", message));
    }

    private Object init(HttpExchange exchange) throws IOException {
        String remote = Requests.string(Requests.body(exchange), "remote_url").strip();
        if (remote.startsWith("-")) {
            throw HttpError.badRequest("invalid remote_url");
        }
        Path repo = repo(exchange);
        try {
            workRepo.ensure(repo);
        } catch (IOException e) {
            throw new HttpError(500, "cannot create " + repo + ": " + e.getMessage());
        }
        if (!remote.isEmpty()) {
            git.run(repo, "git", "remote", "remove", "origin"); // there may be no origin yet; add decides
            gitOrFail(repo, "remote", "add", "origin", remote);
        }
        return Map.of("status", "ok");
    }

    private Object pullRequest(HttpExchange exchange) throws IOException {
        JsonObject body = Requests.body(exchange);
        String title = Requests.string(body, "title");
        if (title.isBlank()) {
            throw HttpError.badRequest("title required");
        }
        List<String> args = new ArrayList<>(List.of("pr", "create", "--title", title, "--body", Requests.string(body, "body")));
        String base = Requests.string(body, "base");
        String head = Requests.string(body, "head");
        if (!base.isEmpty()) {
            args.addAll(List.of("--base", base));
        }
        if (!head.isEmpty()) {
            args.addAll(List.of("--head", head));
        }
        if (Requests.bool(body, "draft")) {
            args.add("--draft");
        }
        return Map.of("result", outputOrFail(git.run(repo(exchange), "gh", args.toArray(String[]::new))));
    }

    // ---- helpers

    private Optional<Path> selected(HttpExchange exchange) {
        return isIdentity(exchange) ? paths.identityRepo() : paths.workRepo();
    }

    private Path repo(HttpExchange exchange) {
        return selected(exchange).orElseThrow(() -> new HttpError(409, notConfigured(exchange)
                + (isIdentity(exchange) ? " (set paths.systemRepoPath)" : " (POST /api/v1/workrepo sets one)")));
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

    private String gitOrFail(Path repo, String... args) {
        return outputOrFail(git.run(repo, "git", args));
    }

    private static String outputOrFail(GitRunner.Outcome outcome) {
        return switch (outcome) {
            case GitRunner.Succeeded ok -> ok.output();
            case GitRunner.Failed failed -> throw new HttpError(500, failed.error());
        };
    }

    private static List<String> lines(String output) {
        return output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
