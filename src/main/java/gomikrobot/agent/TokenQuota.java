package gomikrobot.agent;

import gomikrobot.provider.TokenBudget;
import gomikrobot.provider.Usage;
import gomikrobot.timeline.SettingsStore;
import gomikrobot.timeline.TaskStore;
import gomikrobot.timeline.UsageStore;
import java.util.Optional;

/**
 * The daily token quota: the {@code daily_token_limit} setting (0 = unlimited) against the tokens used since UTC
 * midnight, which are the tasks' own (chat calls) plus the metered ones no task records (embeddings). The
 * provider checks it before every paid call ({@code BudgetedProvider}); the agent checks it before it starts on
 * a message, so a message over the limit makes no call at all.
 */
public final class TokenQuota implements TokenBudget {
    private final SettingsStore settings;
    private final TaskStore tasks;
    private final UsageStore usage;

    public TokenQuota(SettingsStore settings, TaskStore tasks, UsageStore usage) {
        this.settings = settings;
        this.tasks = tasks;
        this.usage = usage;
    }

    @Override
    public Optional<Spent> spent() {
        long limit = settings.dailyTokenLimit();
        if (limit <= 0) {
            return Optional.empty();
        }
        long used = usedToday();
        return used >= limit ? Optional.of(new Spent(used, limit)) : Optional.empty();
    }

    @Override
    public void charge(Usage call) {
        usage.add(UsageStore.EMBEDDINGS, call.totalTokens());
    }

    /** Tokens used since UTC midnight: chat calls of today's tasks plus embeddings. */
    public long usedToday() {
        return tasks.tokensUsedToday() + usage.tokensToday();
    }
}
