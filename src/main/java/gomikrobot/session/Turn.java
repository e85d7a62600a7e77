package gomikrobot.session;

import java.time.Instant;
import java.util.Objects;

/** One remembered message of a conversation: who said it ({@code user} or {@code assistant}) and what. */
public record Turn(String role, String content, Instant at) {
    public Turn {
        if (!"user".equals(role) && !"assistant".equals(role)) {
            throw new IllegalArgumentException("role must be user or assistant, got " + role);
        }
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(at, "at");
    }
}
