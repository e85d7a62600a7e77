package gomikrobot.channels.telegram;

import gomikrobot.channels.ChannelStatus;
import gomikrobot.channels.ChannelStatus.State;
import gomikrobot.channels.ChatLanes;
import gomikrobot.channels.ReconnectSchedule;
import gomikrobot.observe.Log;
import gomikrobot.provider.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Long polling: asks who the bot is ({@code getMe}) until it knows, then {@code getUpdates} again and again
 * (waiting up to {@link BotApi#POLL_SECONDS} for something to arrive). Each batch is handled with one lane per
 * chat (a chat's updates in order, chats in parallel); only when the whole batch is stored is the next offset
 * written and asked for, since asking for it confirms every update before it to Telegram. An update that failed
 * (a bug, the database) keeps the offset before it and is read again, up to {@link #MAX_TRIES} times. Failures
 * wait as Telegram asks or with backoff; a refused token stops polling, since waiting cannot help.
 */
final class UpdatePoller {
    static final int MAX_TRIES = 3;

    private final BotApi api;
    private final UpdateHandler handler;
    private final PollOffset offsets;
    private final ReconnectSchedule schedule;
    private final Sleeper sleeper;
    private final Clock clock;
    private final ChatLanes lanes;
    private final int pollSeconds;
    private final Log log;
    private final Map<Long, Integer> tries = new ConcurrentHashMap<>();
    private volatile ChannelStatus status = ChannelStatus.of(State.STOPPED, "not started");
    private volatile BotUser me;

    UpdatePoller(BotApi api, UpdateHandler handler, PollOffset offsets, ReconnectSchedule schedule, Sleeper sleeper,
                 Clock clock, Executor laneThreads, int pollSeconds, Log log) {
        this.api = api;
        this.handler = handler;
        this.offsets = offsets;
        this.schedule = schedule;
        this.sleeper = sleeper;
        this.clock = clock;
        this.lanes = new ChatLanes(laneThreads);
        this.pollSeconds = pollSeconds;
        this.log = log;
    }

    ChannelStatus status() {
        return status;
    }

    void hold(State state, String detail) {
        status = ChannelStatus.of(state, detail);
    }

    /** Polls until the thread is interrupted or the token is refused. */
    void run() {
        status = ChannelStatus.of(State.CONNECTING, "asking the Bot API who the bot is");
        int failures = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (pollOnce()) {
                    failures = 0;
                } else {
                    sleeper.sleep(schedule.delay(failures++)); // an update was not stored: not in a tight loop
                }
            } catch (BotApiException e) {
                if (e.tokenRefused()) {
                    status = ChannelStatus.of(State.TOKEN_REFUSED, "the Bot API refused the token (" + e.code()
                            + "): check channels.telegram.token, or run `gomikrobot telegram-setup`");
                    log.error("Telegram refused the bot token; polling stopped", "error", e.getMessage());
                    return;
                }
                if (!waitAfter(e, failures++)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.unexpected("Telegram polling failed", e);
                if (!waitAfter(BotApiException.notAnswered("getUpdates", "an internal error"), failures++)) {
                    return;
                }
            }
        }
    }

    /**
     * One round: who the bot is (once), one {@code getUpdates}, the batch handled and the offset stored.
     *
     * @return false when an update was not stored (it is asked for again)
     */
    boolean pollOnce() throws BotApiException, InterruptedException {
        BotUser bot = me;
        if (bot == null) {
            bot = api.getMe();
            me = bot;
            log.info("Telegram bot found", "bot", bot.displayName());
        }
        long offset = offsets.next(bot.id());
        // until a poll has worked, ask without waiting, so the status says at once whether it does
        List<Update> batch = api.getUpdates(offset, status.connected() ? pollSeconds : 0);
        status = new ChannelStatus(State.CONNECTED, "polling", null, bot.displayName());
        if (batch.isEmpty()) {
            return true;
        }
        long next = handle(batch, bot, offset);
        if (next > offset) {
            offsets.save(bot.id(), next);
        }
        return next == batch.getLast().updateId() + 1;
    }

    /** Handles the batch (waiting until every lane is done); returns the offset it may move to. */
    private long handle(List<Update> batch, BotUser bot, long offset) throws InterruptedException {
        Map<Long, Boolean> settled = new ConcurrentHashMap<>();
        for (Update update : batch) {
            lanes.submit(laneOf(update), update.updateId(), () -> settled.put(update.updateId(), settle(update, bot)));
        }
        while (!lanes.awaitIdle(Duration.ofMinutes(1))) {
            log.info("Telegram updates still being read (a large download or a transcription)");
        }
        long next = offset;
        for (Update update : batch) {
            if (!settled.getOrDefault(update.updateId(), false)) {
                break;
            }
            next = update.updateId() + 1;
        }
        return next;
    }

    /** True when the update is done with: stored, refused, dropped, or given up on after {@link #MAX_TRIES}. */
    private boolean settle(Update update, BotUser bot) {
        try {
            boolean stored = !(handler.handle(update, bot) instanceof Handled.NotStored);
            tries.remove(update.updateId());
            return stored;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            int tried = tries.merge(update.updateId(), 1, Integer::sum);
            if (tried >= MAX_TRIES) {
                tries.remove(update.updateId());
                log.unexpected("Telegram update skipped after failing " + tried + " times", e,
                        "update_id", update.updateId());
                return true;
            }
            log.unexpected("Telegram update failed; it is read again", e, "update_id", update.updateId());
            return false;
        }
    }

    private boolean waitAfter(BotApiException e, int failures) {
        Duration wait = e.retryAfter().isZero() ? schedule.delay(failures) : e.retryAfter();
        String detail = e.conflict() ? "another program polls this bot, or it has a webhook (" + e.description()
                + "); stop the other one or delete the webhook" : e.getMessage();
        BotUser bot = me;
        status = new ChannelStatus(State.RECONNECTING, detail, clock.instant().plus(wait),
                bot == null ? "" : bot.displayName());
        log.warn("Telegram polling failed; trying again", "error", e.getMessage(), "retry_in", wait.toSeconds() + "s");
        try {
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException interrupted) {
            return false;
        }
    }

    private static String laneOf(Update update) {
        return switch (update) {
            case Update.Incoming incoming -> Long.toString(incoming.message().chatId());
            case Update.Skipped skipped -> "skipped";
        };
    }
}
