package gomikrobot.cli;

import gomikrobot.channels.telegram.BotCheck;
import gomikrobot.channels.telegram.TelegramAccess;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The interactive half of {@code telegram-setup} (also offered by {@code onboard}): whether Telegram runs, the bot
 * token (read without echo and checked with Telegram at once, asked again when Telegram refuses it), the owner's
 * user id, who else may talk to the agent, whether refused messages are dropped, and group messages. Each question
 * offers the current value; an answer a flag already gave is not asked. Nothing is written here.
 */
final class TelegramSetupQuestions {
    private final OnboardTerminal term;
    private final TokenChecker checker;
    private final boolean check;

    /** Asks Telegram about a token: {@code BotCheck.check(apiBase, token)} in production. */
    @FunctionalInterface
    interface TokenChecker {
        BotCheck.Result check(String apiBase, String token) throws InterruptedException;
    }

    /** @param check false to take a token as typed ({@code --skip-check}) */
    TelegramSetupQuestions(OnboardTerminal term, TokenChecker checker, boolean check) {
        this.term = term;
        this.checker = checker;
        this.check = check;
    }

    /**
     * @param given     what flags answered already
     * @param checkBase the Bot API server the token is checked with
     */
    TelegramSetupAnswers ask(TelegramSetupAnswers current, TelegramSetupFlags given, String checkBase)
            throws InterruptedException {
        try {
            boolean enabled = given.enable().orElseGet(() -> term.confirm("Enable Telegram?", true));
            if (!enabled) {
                return given.applyTo(current, false);
            }
            term.say("Create a bot with @BotFather in Telegram (/newbot); it gives you the bot's token.");
            String token = given.token().isPresent() ? given.token().get() : askToken(current.token(), checkBase);
            long owner = given.ownerId().orElseGet(() -> askValid("Your own Telegram user id, the owner's (send"
                    + " /start to the bot to see it; Enter for none)", current.ownerId() == 0 ? ""
                    : Long.toString(current.ownerId()), TelegramSetupAnswers::parseOwnerId));
            List<String> allow = given.allowFrom().orElseGet(() -> askValid("Who else may talk to the agent: user"
                    + " ids or @usernames, comma-separated (\"none\" for nobody)", String.join(",",
                    current.allowFrom()), TelegramAccess.RULES::parseAll));
            boolean drop = given.dropUnauthorized().orElseGet(() -> term.confirm("Drop messages from senders who"
                    + " are not allowed, without recording them?", current.dropUnauthorized()));
            String groups = given.groups().orElseGet(() -> askValid("Group messages: off, or mention (read when they"
                    + " mention the bot or reply to it)", current.groups(), TelegramSetupAnswers::parseGroups));
            return new TelegramSetupAnswers(true, token, given.apiBase().orElse(current.apiBase()), owner, allow,
                    drop, groups);
        } catch (OnboardTerminal.InputEnded e) {
            throw new UsageException("input ended before every question was answered; answer them, or pass"
                    + " the options with --non-interactive");
        }
    }

    /** Until Telegram accepts a token (or cannot be asked and the user keeps it anyway); Enter keeps the current. */
    private String askToken(String currentToken, String checkBase) throws InterruptedException {
        while (true) {
            String typed = term.askSecret(currentToken.isEmpty() ? "Bot token"
                    : "Bot token (Enter keeps the current one)");
            String token = typed.isEmpty() ? currentToken : typed.strip();
            if (token.isEmpty()) {
                term.say("  a token is needed; @BotFather shows it again with /token");
                continue;
            }
            if (!check) {
                return token;
            }
            Optional<String> problem = problem(checker.check(checkBase, token));
            if (problem.isEmpty()) {
                return token;
            }
            term.say("  " + problem.get());
        }
    }

    /** Empty when the token may be kept: it works, or Telegram could not be asked and the user keeps it. */
    private Optional<String> problem(BotCheck.Result result) {
        return switch (result) {
            case BotCheck.Result.Works works -> {
                term.say("  The token works: the bot is " + works.username() + ".");
                yield Optional.empty();
            }
            case BotCheck.Result.Refused refused -> Optional.of("The token does not work: " + refused.why());
            case BotCheck.Result.Unanswered unanswered ->
                    term.confirm("Telegram could not be asked (" + unanswered.why() + "). Keep the token anyway?", true)
                            ? Optional.empty() : Optional.of("Then enter it again.");
        };
    }

    private <T> T askValid(String question, String defaultValue, Function<String, T> parse) {
        while (true) {
            try {
                return parse.apply(term.ask(question, defaultValue));
            } catch (IllegalArgumentException e) {
                term.say("  " + e.getMessage());
            }
        }
    }
}
