package gomikrobot.agent;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The daily token quota: the {@code daily_token_limit} setting (0 = unlimited) against the tokens used since
 * UTC midnight. Checked before every LLM call; when spent, the agent answers {@link #message} instead.
 */
public final class TokenQuota {
    private final LongSupplier limit;
    private final LongSupplier usedToday;

    public TokenQuota(LongSupplier limit, LongSupplier usedToday) {
        this.limit = limit;
        this.usedToday = usedToday;
    }

    public static TokenQuota unlimited() {
        return new TokenQuota(() -> 0, () -> 0);
    }

    /** The refusal text when the quota is spent, else empty. */
    public Optional<String> exceeded() {
        long max = limit.getAsLong();
        if (max <= 0) {
            return Optional.empty();
        }
        long used = usedToday.getAsLong();
        return used >= max ? Optional.of(message(used, max)) : Optional.empty();
    }

    static String message(long used, long max) {
        return "Daily token quota exceeded (" + used + "/" + max
                + "). Please try again tomorrow or ask an admin to increase the limit.";
    }
}
