package gomikrobot.channels.telegram;

import java.time.Duration;

/**
 * A Bot API call that did not succeed: the server's {@code error_code} and {@code description}
 * ({@code {"ok":false,…}}), with {@code parameters.retry_after} and {@code parameters.migrate_to_chat_id} when it
 * sent them, or code 0 when no readable answer came (not reachable, timed out, not JSON). The message names the
 * method and never the address, which holds the token. An expected outcome, so it carries no stack trace.
 */
final class BotApiException extends Exception {
    static final int NOT_ANSWERED = 0;

    private final int code;
    private final String description;
    private final Duration retryAfter;
    private final long migrateTo;

    BotApiException(String method, int code, String description, Duration retryAfter, long migrateTo) {
        super(method + ": " + description + (code == NOT_ANSWERED ? "" : " (" + code + ")"), null, false, false);
        this.code = code;
        this.description = description;
        this.retryAfter = retryAfter;
        this.migrateTo = migrateTo;
    }

    /** No usable answer: the server was not reached, did not answer in time, or answered something unreadable. */
    static BotApiException notAnswered(String method, String why) {
        return new BotApiException(method, NOT_ANSWERED, why, Duration.ZERO, 0);
    }

    int code() {
        return code;
    }

    String description() {
        return description;
    }

    /** How long Telegram asks us to wait (429 flood control); zero when it did not say. */
    Duration retryAfter() {
        return retryAfter;
    }

    /** The supergroup a group chat became, when Telegram says so; 0 otherwise. */
    long migrateTo() {
        return migrateTo;
    }

    /** The token is wrong or revoked: 401, or 404 for a token that is not even shaped like one. */
    boolean tokenRefused() {
        return code == 401 || code == 404;
    }

    /** The user blocked the bot, left, or the bot may not write there: trying again cannot help. */
    boolean forbidden() {
        return code == 403;
    }

    /** Another program polls this bot, or it has a webhook set. */
    boolean conflict() {
        return code == 409;
    }

    /** Trying again later may work: not answered, flood control, or a server error. */
    boolean temporary() {
        return code == NOT_ANSWERED || code == 429 || code >= 500;
    }
}
