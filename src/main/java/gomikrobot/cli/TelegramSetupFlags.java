package gomikrobot.cli;

import gomikrobot.channels.access.AccessLists;
import gomikrobot.channels.telegram.TelegramAccess;
import gomikrobot.config.TelegramConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code telegram-setup}'s options answered, each checked as it is read (a wrong value is a usage error
 * naming the option); an option left out is empty, and keeps the current value.
 */
record TelegramSetupFlags(Optional<Boolean> enable, Optional<String> token, Optional<Long> ownerId,
                          Optional<List<String>> allowFrom, Optional<Boolean> dropUnauthorized,
                          Optional<String> groups, Optional<String> apiBase, Optional<String> pairToken) {
    static final Map<String, String> VALUED = Map.of("--token", "--token", "--token-env", "--token-env",
            "--owner-id", "--owner-id", "--allow-from", "--allow-from", "--drop-unauthorized", "--drop-unauthorized",
            "--groups", "--groups", "--pair-token", "--pair-token", "--api-base", "--api-base");
    static final Set<String> FLAGS = Set.of("--enable", "--disable", "--non-interactive", "--skip-check");

    static TelegramSetupFlags read(Args args, Map<String, String> env) {
        if (args.flag("--enable") && args.flag("--disable")) {
            throw new UsageException("--enable and --disable exclude each other");
        }
        Optional<Boolean> enable = args.flag("--enable") ? Optional.of(true)
                : args.flag("--disable") ? Optional.of(false) : Optional.empty();
        return new TelegramSetupFlags(enable, args.secret("--token", env).map(String::strip),
                args.option("--owner-id", TelegramSetupAnswers::parseOwnerId),
                args.option("--allow-from", TelegramAccess.RULES::parseAll),
                args.option("--drop-unauthorized", v -> Args.yesNo("--drop-unauthorized", v)),
                args.option("--groups", TelegramSetupAnswers::parseGroups),
                args.option("--api-base", OnboardAnswers::checkBase),
                args.option("--pair-token", AccessLists::checkPairToken));
    }

    /** Nothing answered: what {@code onboard} starts the questions with. */
    static TelegramSetupFlags none() {
        return new TelegramSetupFlags(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The current answers with what the options gave (the non-interactive setup), enabled as told. */
    TelegramSetupAnswers applyTo(TelegramSetupAnswers current, boolean enabled) {
        return new TelegramSetupAnswers(enabled, token.orElse(current.token()), apiBase.orElse(current.apiBase()),
                ownerId.orElse(current.ownerId()), allowFrom.orElse(current.allowFrom()),
                dropUnauthorized.orElse(current.dropUnauthorized()), groups.orElse(current.groups()));
    }

    /** The API base the token is checked against: the option, else the loaded configuration's. */
    String apiBaseOr(TelegramConfig loaded) {
        return apiBase.orElse(loaded.apiBase());
    }
}
