package gomikrobot.channels.telegram;

import gomikrobot.observe.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Shows "typing…" in a chat while the agent works on a message from it: once at once, then again on every
 * {@link #tick} ({@link #EVERY}, since Telegram shows it for at most 5 s), until the answer goes to that chat,
 * or {@link #AT_MOST} passed (an answer that never comes: it failed for good, or is held back). Nothing is shown
 * while silent mode holds answers back. A failed chat action is not worth more than a debug line.
 */
final class Typing {
    static final Duration EVERY = Duration.ofSeconds(4);
    static final Duration AT_MOST = Duration.ofMinutes(10);

    private record Chat(int waiting, Instant until) {
    }

    private final BotApi api;
    private final BooleanSupplier silent;
    private final Clock clock;
    private final Log log;
    private final Map<Long, Chat> chats = new HashMap<>();

    Typing(BotApi api, BooleanSupplier silent, Clock clock, Log log) {
        this.api = api;
        this.silent = silent;
        this.clock = clock;
        this.log = log;
    }

    /** One more message of this chat is with the agent. */
    void start(long chatId) {
        if (silent.getAsBoolean()) {
            return;
        }
        synchronized (this) {
            Chat chat = chats.get(chatId);
            chats.put(chatId, new Chat(chat == null ? 1 : chat.waiting() + 1, clock.instant().plus(AT_MOST)));
        }
        show(chatId);
    }

    /** An answer went to this chat: one message less to type for. */
    synchronized void stop(long chatId) {
        Chat chat = chats.get(chatId);
        if (chat != null && chat.waiting() > 1) {
            chats.put(chatId, new Chat(chat.waiting() - 1, chat.until()));
        } else {
            chats.remove(chatId);
        }
    }

    /** Shows it again in every chat still waiting. */
    void tick() {
        List<Long> due;
        synchronized (this) {
            Instant now = clock.instant();
            chats.values().removeIf(chat -> now.isAfter(chat.until()));
            due = List.copyOf(chats.keySet());
        }
        if (!silent.getAsBoolean()) {
            due.forEach(this::show);
        }
    }

    synchronized boolean isTyping(long chatId) {
        return chats.containsKey(chatId);
    }

    private void show(long chatId) {
        try {
            api.sendChatAction(chatId, "typing");
        } catch (BotApiException e) {
            log.debug("Telegram typing indicator not shown", "chat_id", chatId, "error", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
