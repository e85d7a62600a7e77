package gomikrobot.channels.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.observe.Log;
import gomikrobot.testing.FakeBotApiServer;
import gomikrobot.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "typing…" against the fake Bot API, the clock moved by hand. */
class TypingTest {
    private FakeBotApiServer telegram;
    private final MutableClock clock = new MutableClock("2026-12-01T10:00:00Z");
    private final AtomicBoolean silent = new AtomicBoolean();
    private Typing typing;

    @BeforeEach
    void start() {
        telegram = FakeBotApiServer.start();
        typing = new Typing(new BotApi(BotApi.httpClient(), telegram.apiBase(), FakeBotApiServer.TOKEN), silent::get,
                clock, Log.quiet());
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void showsAtOnceAndOnEveryTickUntilEachWaitingMessageIsAnswered() {
        typing.start(42);
        typing.start(42);
        typing.tick();
        assertEquals(3, telegram.calls("sendChatAction").size(), "once per message, then once per tick");

        typing.stop(42);
        assertTrue(typing.isTyping(42), "a second message is still with the agent");
        typing.stop(42);
        typing.tick();
        assertFalse(typing.isTyping(42));
        assertEquals(3, telegram.calls("sendChatAction").size(), "nothing after the last answer");
    }

    @Test
    void anAnswerThatNeverComesEndsItAfterTenMinutes() {
        typing.start(42);
        clock.advance(Typing.AT_MOST.plus(Duration.ofSeconds(1)));
        typing.tick();
        assertFalse(typing.isTyping(42));
        assertEquals(1, telegram.calls("sendChatAction").size());
    }

    @Test
    void nothingIsShownWhileSilentModeHoldsAnswersBack() {
        silent.set(true);
        typing.start(42);
        typing.tick();
        assertEquals(0, telegram.calls("sendChatAction").size());
    }
}
