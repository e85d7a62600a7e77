package gomikrobot.tools;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The environment a shell command gets: the gateway's own, minus every variable whose name suggests a secret.
 * The name pattern covers the gateway's known secrets ({@code OPENAI_API_KEY}, {@code OPENROUTER_API_KEY},
 * {@code MIKROBOT_OPENAI_API_KEY} and other {@code MIKROBOT_*KEY*}, {@code MIKROBOT_GATEWAY_AUTH_TOKEN}) and
 * anyone else's ({@code AWS_SECRET_ACCESS_KEY}, {@code GITHUB_TOKEN}, {@code PGPASSWORD}, ...). It also drops
 * harmless names such as {@code SSH_AUTH_SOCK}; a false drop is cheap, a leaked key is not.
 */
final class ChildEnvironment {
    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|PRIVATE).*", Pattern.CASE_INSENSITIVE);

    private ChildEnvironment() {
    }

    static Map<String, String> scrub(Map<String, String> base) {
        Map<String, String> kept = new TreeMap<>();
        base.forEach((name, value) -> {
            if (!SECRET_NAME.matcher(name).matches()) {
                kept.put(name, value);
            }
        });
        return kept;
    }
}
