package gomikrobot.config;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * One OpenAI-compatible endpoint. {@code apiKey} is a secret: never log it, print it only via {@link #redactedKey()}.
 * {@code appUrl} and {@code appName} name this application to a provider that ranks its callers (OpenRouter's
 * attribution); both are empty for a provider that does not.
 */
public record ProviderConfig(String apiKey, String apiBase, String appUrl, String appName) {
    /**
     * The project's address for attribution. It has no public site of its own yet, so the default is a neutral
     * address that can never belong to anyone else (the reserved {@code .invalid} domain); set your own.
     */
    public static final String PROJECT_URL = "https://gomikrobot.invalid";
    public static final String PROJECT_NAME = "GoMikroBot";
    private static final Set<String> HOSTED = Set.of("api.openai.com", "openrouter.ai");

    public ProviderConfig {
        appUrl = appUrl == null ? "" : appUrl;
        appName = appName == null ? "" : appName;
    }

    /** An endpoint that sends no attribution. */
    public ProviderConfig(String apiKey, String apiBase) {
        this(apiKey, apiBase, "", "");
    }

    public boolean hasKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** True when requests carry {@link #appUrl()} and {@link #appName()}. */
    public boolean attributed() {
        return !appUrl.isBlank() || !appName.isBlank();
    }

    /** This endpoint sending {@code other}'s attribution. */
    public ProviderConfig withAttributionOf(ProviderConfig other) {
        return new ProviderConfig(apiKey, apiBase, other.appUrl, other.appName);
    }

    /**
     * True for a hosted API (OpenAI, OpenRouter), which answers nothing without a key; a self-hosted
     * OpenAI-compatible server (Ollama, vLLM, LM Studio) may need none.
     */
    public boolean needsKey() {
        return isOn(HOSTED);
    }

    /** True when {@code apiBase} is on openrouter.ai, whichever section configures it. */
    public boolean isOpenRouterHost() {
        return isOn(Set.of("openrouter.ai"));
    }

    /** "sk-…abcd" style: enough to recognise a key, not enough to use it. */
    public String redactedKey() {
        if (!hasKey()) {
            return "(none)";
        }
        String k = apiKey.strip();
        return k.length() <= 8 ? "****" : k.substring(0, 3) + "…" + k.substring(k.length() - 4);
    }

    @Override
    public String toString() {
        return "ProviderConfig[apiKey=" + redactedKey() + ", apiBase=" + apiBase
                + (attributed() ? ", appUrl=" + appUrl + ", appName=" + appName : "") + "]";
    }

    private boolean isOn(Set<String> domains) {
        try {
            String host = apiBase == null ? null : URI.create(apiBase.strip()).getHost();
            if (host == null) {
                return false;
            }
            String h = host.toLowerCase(Locale.ROOT);
            return domains.stream().anyMatch(d -> h.equals(d) || h.endsWith("." + d));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
