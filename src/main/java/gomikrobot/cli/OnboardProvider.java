package gomikrobot.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The endpoints the wizard offers. OpenAI and OpenRouter have their own section in config.json; any other
 * OpenAI-compatible server (Ollama, vLLM, a company proxy) is written to the {@code openai} section with its
 * own base URL, which is how the gateway reaches it.
 */
enum OnboardProvider {
    OPENAI("openai", "OpenAI", "openai", "https://api.openai.com/v1", "gpt-4o-mini", true),
    OPENROUTER("openrouter", "OpenRouter", "openrouter", "https://openrouter.ai/api/v1", "openai/gpt-4o-mini", true),
    CUSTOM("custom", "other OpenAI-compatible server", "openai", "", "", false);

    private final String id;
    private final String label;
    private final String section;
    private final String defaultBase;
    private final String defaultModel;
    private final boolean needsKey;

    OnboardProvider(String id, String label, String section, String defaultBase, String defaultModel,
                    boolean needsKey) {
        this.id = id;
        this.label = label;
        this.section = section;
        this.defaultBase = defaultBase;
        this.defaultModel = defaultModel;
        this.needsKey = needsKey;
    }

    /** "openai", "openrouter", "custom" (any case), or the menu number 1-3. */
    static Optional<OnboardProvider> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.id.equals(t) || String.valueOf(p.ordinal() + 1).equals(t))
                .findFirst();
    }

    String id() {
        return id;
    }

    String label() {
        return label;
    }

    /** The config.json section under {@code providers} that holds this endpoint's key and base URL. */
    String section() {
        return section;
    }

    /** Empty for a custom server: its URL must be given. */
    String defaultBase() {
        return defaultBase;
    }

    String defaultModel() {
        return defaultModel;
    }

    /** A hosted provider always needs a key; a local server may run without one. */
    boolean needsKey() {
        return needsKey;
    }
}
