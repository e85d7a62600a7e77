package gomikrobot.channels.telegram;

/**
 * Whether a bot token works, asked once with {@code getMe} (for {@code telegram-setup}): the bot's username, or
 * why not, in words that never include the token.
 */
public final class BotCheck {
    /** What {@code getMe} said about a token. */
    public sealed interface Result {
        /** The token works: this is the bot. */
        record Works(String username, long id) implements Result {
        }

        /** Telegram refused the token (or it is not shaped like one): asking again cannot help. */
        record Refused(String why) implements Result {
        }

        /** No answer (network, server error): the token may well work. */
        record Unanswered(String why) implements Result {
        }
    }

    private BotCheck() {
    }

    public static Result check(String apiBase, String token) throws InterruptedException {
        if (!BotApi.isTokenShaped(token)) {
            return new Result.Refused("it is not shaped like a bot token from @BotFather (digits, a colon, letters)");
        }
        try {
            BotUser me = new BotApi(BotApi.httpClient(), apiBase, token).getMe();
            return new Result.Works(me.displayName(), me.id());
        } catch (BotApiException e) {
            return e.tokenRefused() ? new Result.Refused("Telegram refused it (" + e.description() + ")")
                    : new Result.Unanswered(e.getMessage());
        }
    }
}
