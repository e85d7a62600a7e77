package gomikrobot.cli;

import gomikrobot.config.ProviderConfig;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The interactive wizard: provider, base URL (custom servers only), API key (no echo), model, workspace,
 * work repo and WhatsApp, each offering the current value as its default. A wrong answer is explained and the
 * question asked again; nothing is written here.
 */
final class OnboardQuestions {
    private final OnboardTerminal term;
    private final OnboardConfig current;

    OnboardQuestions(OnboardTerminal term, OnboardConfig current) {
        this.term = term;
        this.current = current;
    }

    OnboardAnswers ask(Path home) {
        term.say("GoMikroBot setup. Press Enter to keep the value in [brackets].");
        OnboardProvider provider = askProvider();
        String base = provider == OnboardProvider.CUSTOM
                ? askValid("API base URL (e.g. http://localhost:11434/v1)", current.apiBase(provider),
                        OnboardAnswers::checkBase)
                : current.apiBase(provider);
        String key = askKey(provider);
        String model = askValid("Model", current.model(provider), m -> nonBlank("model", m));
        String workspace = askValid("Workspace folder for soul files and sessions (relative = inside " + home + ")",
                current.workspace(), w -> OnboardAnswers.checkPath("workspace", w));
        String workRepo = askValid("Work repo folder (the repository the agent works on)", current.workRepo(),
                w -> OnboardAnswers.checkPath("work repo", w));
        boolean whatsapp = term.confirm("Enable WhatsApp?", current.whatsapp());
        return new OnboardAnswers(provider, base, key, model, workspace, workRepo, whatsapp);
    }

    private OnboardProvider askProvider() {
        term.say("Providers: 1) OpenAI  2) OpenRouter  3) other OpenAI-compatible server (Ollama, vLLM, proxy)");
        while (true) {
            String answer = term.ask("Provider (1-3, or openai/openrouter/custom)", current.provider().id());
            var chosen = OnboardProvider.parse(answer);
            if (chosen.isPresent()) {
                return chosen.get();
            }
            term.say("  not a provider: " + answer);
        }
    }

    private String askKey(OnboardProvider provider) {
        String existing = provider.section().equals(current.provider().section()) ? current.key(provider) : "";
        String question = existing.isEmpty()
                ? "API key" + (provider.needsKey() ? "" : " (Enter for none)")
                : "API key (Enter keeps the current one, " + new ProviderConfig(existing, "").redactedKey() + ")";
        while (true) {
            String key = term.askSecret(question);
            if (key.isEmpty()) {
                key = existing;
            }
            if (!key.isEmpty() || !provider.needsKey()) {
                return key;
            }
            term.say("  " + provider.label() + " needs an API key");
        }
    }

    private String askValid(String question, String defaultValue, UnaryOperator<String> check) {
        while (true) {
            try {
                return check.apply(term.ask(question, defaultValue));
            } catch (IllegalArgumentException e) {
                term.say("  " + e.getMessage());
            }
        }
    }

    private static String nonBlank(String what, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }
}
