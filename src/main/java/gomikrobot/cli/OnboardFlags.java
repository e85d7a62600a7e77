package gomikrobot.cli;

import java.util.Map;
import java.util.Set;

/**
 * {@code gomikrobot onboard --non-interactive ...}: the answers come from flags, and whatever a flag leaves out
 * keeps its current value in config.json (or the default). {@code --api-key-env NAME} reads the key from an
 * environment variable so it need not appear in the process list.
 */
final class OnboardFlags {
    static final Map<String, String> VALUED = Map.of(
            "--provider", "--provider", "--api-base", "--api-base", "--api-key", "--api-key",
            "--api-key-env", "--api-key-env", "--model", "--model", "--workspace", "--workspace",
            "--work-repo", "--work-repo");
    static final Set<String> FLAGS = Set.of("--non-interactive", "--whatsapp", "--no-whatsapp",
            "--skip-key-check", "--force");
    /** Options that only make sense without the wizard. */
    static final Set<String> NON_INTERACTIVE_ONLY = Set.of("--provider", "--api-base", "--api-key",
            "--api-key-env", "--model", "--workspace", "--work-repo", "--whatsapp", "--no-whatsapp", "--force");

    private OnboardFlags() {
    }

    static OnboardAnswers answers(Args args, OnboardConfig current, Map<String, String> env) {
        OnboardProvider provider = args.option("--provider")
                .map(p -> OnboardProvider.parse(p).orElseThrow(() -> new UsageException(
                        "--provider must be openai, openrouter or custom, got " + p)))
                .orElse(current.provider());
        if (provider == OnboardProvider.CUSTOM && args.option("--api-base").isEmpty()
                && current.apiBase(provider).isEmpty()) {
            throw new UsageException("--provider custom needs --api-base URL");
        }
        if (args.flag("--whatsapp") && args.flag("--no-whatsapp")) {
            throw new UsageException("--whatsapp and --no-whatsapp exclude each other");
        }
        try {
            return new OnboardAnswers(provider,
                    args.option("--api-base").orElse(current.apiBase(provider)),
                    args.secret("--api-key", env).orElse(
                            provider.section().equals(current.provider().section()) ? current.key(provider) : ""),
                    args.option("--model").orElse(current.model(provider)),
                    args.option("--workspace").orElse(current.workspace()),
                    args.option("--work-repo").orElse(current.workRepo()),
                    args.flag("--whatsapp") || (!args.flag("--no-whatsapp") && current.whatsapp()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + (e.getMessage().contains("API key")
                    ? " (--api-key KEY or --api-key-env NAME)" : ""));
        }
    }
}
