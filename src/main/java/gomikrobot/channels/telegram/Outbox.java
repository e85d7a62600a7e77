package gomikrobot.channels.telegram;

import gomikrobot.channels.SendResult;
import gomikrobot.observe.Log;
import gomikrobot.provider.Sleeper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends one text to one chat as plain-text messages of at most 4,096 characters ({@link MessageSplitter}). Flood
 * control (429) is waited out as Telegram asks ({@code retry_after}) up to {@link #MAX_WAIT} in all, then left to
 * the delivery worker's backoff; a blocked bot or a chat that cannot be written to (403, 400) fails for good; a
 * group that became a supergroup is written to under its new id. The parts of a text already sent are remembered
 * by its key (the task), so a retry after a failure in the middle sends only the rest.
 */
final class Outbox {
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final int REMEMBERED = 256;

    private final BotApi api;
    private final Sleeper sleeper;
    private final Log log;
    private final Map<String, Integer> partsSent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    Outbox(BotApi api, Sleeper sleeper, Log log) {
        this.api = api;
        this.sleeper = sleeper;
        this.log = log;
    }

    /** @param key what identifies this text across retries (a task id); "" when it is sent only once */
    SendResult send(long chatId, String text, String key) {
        List<String> parts = MessageSplitter.split(text);
        if (parts.isEmpty()) {
            return new SendResult.Failed("empty message", false);
        }
        long chat = chatId;
        Duration waited = Duration.ZERO;
        for (int part = alreadySent(key); part < parts.size(); ) {
            try {
                api.sendMessage(chat, parts.get(part));
                part++;
                remember(key, part, parts.size());
            } catch (BotApiException e) {
                if (e.migrateTo() != 0 && chat == chatId) {
                    log.info("Telegram group became a supergroup; writing there", "chat_id", chat,
                            "to", e.migrateTo());
                    chat = e.migrateTo();
                    continue;
                }
                Duration wait = e.retryAfter();
                if (e.code() != 429 || waited.plus(wait).compareTo(MAX_WAIT) > 0) {
                    return failed(e);
                }
                log.info("Telegram asks to wait before sending", "chat_id", chat,
                        "retry_after", wait.toSeconds() + "s");
                waited = waited.plus(wait);
                if (!sleep(wait)) {
                    return new SendResult.Failed("interrupted", true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SendResult.Failed("interrupted", true);
            }
        }
        return new SendResult.Sent();
    }

    private static SendResult failed(BotApiException e) {
        String reason = "Telegram send failed: " + e.getMessage();
        if (e.forbidden()) {
            return new SendResult.Failed(reason + " (the user blocked the bot or it may not write to this chat)",
                    false);
        }
        return new SendResult.Failed(reason, e.temporary() || e.tokenRefused());
    }

    private boolean sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized int alreadySent(String key) {
        return key.isEmpty() ? 0 : partsSent.getOrDefault(key, 0);
    }

    private synchronized void remember(String key, int sent, int total) {
        if (key.isEmpty()) {
            return;
        }
        if (sent == total) {
            partsSent.remove(key);
        } else {
            partsSent.put(key, sent);
        }
    }
}
