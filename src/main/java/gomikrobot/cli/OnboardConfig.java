package gomikrobot.cli;

import gomikrobot.config.ConfigFile;
import java.util.Map;

/**
 * The wizard's view of {@code config.json}: the current values it offers as defaults, and the keys it
 * writes. Only the keys the wizard asks about change; everything else in the file (unknown sections
 * included) is kept by {@link ConfigFile#update}.
 */
final class OnboardConfig {
    static final String DEFAULT_WORKSPACE = "workspace";
    static final String DEFAULT_WORK_REPO = "~/GoMikroBot-Workspace";
    private static final String LEGACY = "agents.defaults.";

    private final Map<String, Object> doc;

    /** @param doc the file's document, as {@link ConfigFile#readDocument} returns it (empty when there is none) */
    OnboardConfig(Map<String, Object> doc) {
        this.doc = doc;
    }

    /** The provider the file configures now: OpenRouter when only it has a key, custom when OpenAI's URL was changed. */
    OnboardProvider provider() {
        if (key(OnboardProvider.OPENROUTER).isEmpty() || !key(OnboardProvider.OPENAI).isEmpty()) {
            String base = text("providers.openai.apiBase", null);
            boolean custom = !base.isEmpty() && !base.equals(OnboardProvider.OPENAI.defaultBase());
            return custom ? OnboardProvider.CUSTOM : OnboardProvider.OPENAI;
        }
        return OnboardProvider.OPENROUTER;
    }

    String key(OnboardProvider p) {
        return text("providers." + p.section() + ".apiKey", null);
    }

    /** The file's URL for this provider's section, or the provider's own default. */
    String apiBase(OnboardProvider p) {
        String base = text("providers." + p.section() + ".apiBase", null);
        return base.isEmpty() || (p == OnboardProvider.CUSTOM && base.equals(OnboardProvider.OPENAI.defaultBase()))
                ? p.defaultBase() : base;
    }

    /**
     * The model to offer for {@code p}: the file's model while the provider stays the same (or for a custom
     * server, whose model names we cannot guess), else the new provider's usual default.
     */
    String model(OnboardProvider p) {
        String model = text("model.name", LEGACY + "model");
        if (p != provider() && !p.defaultModel().isEmpty()) {
            return p.defaultModel();
        }
        return model.isEmpty() ? OnboardProvider.OPENAI.defaultModel() : model;
    }

    String workspace() {
        String w = text("paths.workspace", LEGACY + "workspace");
        return w.isEmpty() ? DEFAULT_WORKSPACE : w;
    }

    String workRepo() {
        String w = text("paths.workRepoPath", LEGACY + "workRepoPath");
        return w.isEmpty() ? DEFAULT_WORK_REPO : w;
    }

    boolean whatsapp() {
        return Boolean.TRUE.equals(get("channels.whatsapp.enabled"));
    }

    /**
     * Writes the answers into {@code target}. The chosen provider becomes the active one: choosing OpenRouter
     * clears the OpenAI key (the gateway prefers OpenAI whenever it has a key), and a keyless custom server
     * clears the OpenRouter key for the same reason.
     */
    static void apply(Map<String, Object> target, OnboardAnswers a) {
        String section = "providers." + a.provider().section() + ".";
        ConfigFile.set(target, section + "apiKey", a.apiKey());
        ConfigFile.set(target, section + "apiBase", a.apiBase());
        if (a.provider() == OnboardProvider.OPENROUTER) {
            ConfigFile.set(target, "providers.openai.apiKey", "");
        } else if (a.apiKey().isEmpty()) {
            ConfigFile.set(target, "providers.openrouter.apiKey", "");
        }
        ConfigFile.set(target, "model.name", a.model());
        ConfigFile.set(target, "paths.workspace", a.workspace());
        ConfigFile.set(target, "paths.workRepoPath", a.workRepo());
        ConfigFile.set(target, "channels.whatsapp.enabled", a.whatsapp());
    }

    private String text(String key, String legacyKey) {
        if (get(key) instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        return legacyKey != null && get(legacyKey) instanceof String s ? s.strip() : "";
    }

    private Object get(String key) {
        try {
            return ConfigFile.get(doc, key);
        } catch (IllegalArgumentException e) {
            return null; // a section of the wrong shape offers no default; the loader reports it on its own
        }
    }
}
