package gomikrobot.git;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The repository panel's git and gh operations (API-CONTRACT §4), each one command or a short fixed sequence,
 * each answering a {@link GitResult} whose failure carries git's own words. Names that would reach git as an
 * option ({@code -x}) are refused with {@link IllegalArgumentException} before anything runs.
 */
public final class RepoCommands {
    private final Git git;
    private final WorkRepo workRepo;

    public RepoCommands(Git git, WorkRepo workRepo) {
        this.git = git;
        this.workRepo = workRepo;
    }

    public GitResult status(Path repo) {
        return git.git(repo, "status", "-sb");
    }

    public GitResult remotes(Path repo) {
        return git.git(repo, "remote", "-v");
    }

    public GitResult branches(Path repo) {
        return git.git(repo, "branch", "--format=%(refname:short)");
    }

    public GitResult log(Path repo, int limit) {
        return git.git(repo, "log", "--oneline", "-n", Integer.toString(limit));
    }

    /** The whole working tree's diff, or one path's ({@code relativePath} relative to the repo, already confined). */
    public GitResult diff(Path repo, String relativePath) {
        return relativePath.isEmpty() ? git.git(repo, "diff") : git.git(repo, "diff", "--", relativePath);
    }

    public GitResult checkout(Path repo, String branch) {
        return git.git(repo, "checkout", notAnOption(branch, "branch"));
    }

    /** Stages everything, then commits; the commit's output, or the first refusal. */
    public GitResult commitAll(Path repo, String message) {
        GitResult staged = git.git(repo, "add", "-A");
        return staged instanceof GitResult.Done ? git.git(repo, "commit", "-m", message) : staged;
    }

    public GitResult pull(Path repo) {
        return git.git(repo, "pull", "--ff-only");
    }

    public GitResult push(Path repo) {
        return git.git(repo, "push");
    }

    /** Makes {@code repo} a prepared git repository (even with content), and its origin {@code remoteUrl} if given. */
    public GitResult init(Path repo, String remoteUrl) {
        notAnOption(remoteUrl, "remote_url");
        var refusal = workRepo.ensure(repo, true);
        if (refusal.isPresent()) {
            return new GitResult.Refused("git init failed: " + refusal.get().message());
        }
        if (remoteUrl.isEmpty()) {
            return new GitResult.Done("");
        }
        git.git(repo, "remote", "remove", "origin"); // there may be no origin yet; add decides
        return git.git(repo, "remote", "add", "origin", remoteUrl);
    }

    public GitResult pullRequest(Path repo, PullRequest pr) {
        List<String> args = new ArrayList<>(List.of("pr", "create", "--title", pr.title(), "--body", pr.body()));
        if (!pr.base().isEmpty()) {
            args.addAll(List.of("--base", pr.base()));
        }
        if (!pr.head().isEmpty()) {
            args.addAll(List.of("--head", pr.head()));
        }
        if (pr.draft()) {
            args.add("--draft");
        }
        return git.gh(repo, args.toArray(String[]::new));
    }

    /** Where gh's login stands; it does not depend on a repository, so it runs where the gateway runs. */
    public GitResult ghAuthStatus() {
        return git.gh(Path.of("").toAbsolutePath(), "auth", "status", "-h", "github.com");
    }

    private static String notAnOption(String value, String what) {
        if (value.startsWith("-")) {
            throw new IllegalArgumentException("invalid " + what); // git would read it as an option
        }
        return value;
    }
}
