package gomikrobot.git;

/** What {@code gh pr create} is asked for; {@code base} and {@code head} may be empty (gh's defaults). */
public record PullRequest(String title, String body, String base, String head, boolean draft) {
    public PullRequest {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title required");
        }
    }
}
