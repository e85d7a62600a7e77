package gomikrobot.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What the wizard (or the {@code --non-interactive} flags) decided. Every value is checked here, so the
 * config file is only written with answers the loader will accept. {@code apiKey} is a secret: it is never
 * part of {@link #toString()}.
 */
record OnboardAnswers(OnboardProvider provider, String apiBase, String apiKey, String model, String workspace,
                      String workRepo, boolean whatsapp) {

    OnboardAnswers {
        Objects.requireNonNull(provider, "provider");
        apiBase = checkBase(apiBase);
        apiKey = apiKey == null ? "" : apiKey.strip();
        if (provider.needsKey() && apiKey.isEmpty()) {
            throw new IllegalArgumentException(provider.label() + " needs an API key");
        }
        if (apiKey.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("the API key contains spaces or control characters");
        }
        model = checkNonBlank("model", model);
        workspace = checkPath("workspace", workspace);
        workRepo = checkPath("work repo", workRepo);
    }

    /** An http(s) URL with a host, without a trailing slash; else {@link IllegalArgumentException} naming it. */
    static String checkBase(String url) {
        String u = checkNonBlank("API base URL", url);
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("API base URL must be an http or https URL, got " + u);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("API base URL is not a valid URL: " + u);
        }
        return u.replaceAll("/+$", "");
    }

    static String checkPath(String what, String path) {
        String p = checkNonBlank(what + " path", path);
        try {
            Path.of(p);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(what + " path is not valid: " + p);
        }
        return p;
    }

    private static String checkNonBlank(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException(what + " must be one line");
        }
        return value.strip();
    }

    @Override
    public String toString() {
        return "OnboardAnswers[provider=" + provider.id() + ", apiBase=" + apiBase + ", apiKey="
                + (apiKey.isEmpty() ? "(none)" : "(set)") + ", model=" + model + ", workspace=" + workspace
                + ", workRepo=" + workRepo + ", whatsapp=" + whatsapp + "]";
    }
}
