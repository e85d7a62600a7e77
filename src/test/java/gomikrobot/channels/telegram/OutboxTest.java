package gomikrobot.channels.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.channels.SendResult;
import gomikrobot.observe.Log;
import gomikrobot.testing.FakeBotApiServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sending through the fake Bot API; waits are recorded, never slept. */
class OutboxTest {
    private static final long CHAT = 42;

    private FakeBotApiServer telegram;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private Outbox outbox;

    @BeforeEach
    void start() {
        telegram = FakeBotApiServer.start();
        outbox = new Outbox(new BotApi(BotApi.httpClient(), telegram.apiBase(), FakeBotApiServer.TOKEN), waits::add,
                Log.quiet());
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void aFiveThousandCharacterAnswerGoesOutAsTwoMessages() {
        String answer = "x".repeat(3000) + "\n\n" + "y".repeat(2000);
        assertEquals(new SendResult.Sent(), outbox.send(CHAT, answer, "task-1"));
        assertEquals(List.of("x".repeat(3000), "y".repeat(2000)), telegram.sentTo(CHAT));
    }

    @Test
    void floodControlIsWaitedOutAsTelegramAsksThenSent() {
        telegram.failNextSend(429, "Too Many Requests: retry after 7", 7);
        assertEquals(new SendResult.Sent(), outbox.send(CHAT, "hello", "task-1"));
        assertEquals(List.of(Duration.ofSeconds(7)), waits);
        assertEquals(List.of("hello"), telegram.sentTo(CHAT));
        assertEquals(2, telegram.calls("sendMessage").size(), "the refused attempt, then the one after the wait");
    }

    @Test
    void aLongerWaitIsLeftToTheDeliveryWorkersBackoff() {
        telegram.failNextSend(429, "Too Many Requests: retry after 120", 120);
        SendResult result = outbox.send(CHAT, "hello", "task-1");
        assertEquals(List.of(), waits, "nothing waited here");
        assertTrue(result instanceof SendResult.Failed f && f.retryable(), result.toString());
    }

    @Test
    void aBlockedBotFailsForGood() {
        telegram.failNextSend(403, "Forbidden: bot was blocked by the user", 0);
        SendResult result = outbox.send(CHAT, "hello", "task-1");
        assertTrue(result instanceof SendResult.Failed f && !f.retryable() && f.reason().contains("blocked"),
                result.toString());
    }

    @Test
    void aRetryAfterAFailureInTheMiddleSendsOnlyTheRest() {
        String answer = "x".repeat(3000) + "\n\n" + "y".repeat(2000);
        telegram.passNextSend(); // the first part goes out, the second fails
        telegram.failNextSend(500, "Internal Server Error", 0);
        SendResult first = outbox.send(CHAT, answer, "task-2");
        assertTrue(first instanceof SendResult.Failed f && f.retryable(), first.toString());
        assertEquals(new SendResult.Sent(), outbox.send(CHAT, answer, "task-2"));
        assertEquals(List.of("x".repeat(3000), "y".repeat(2000)), telegram.sentTo(CHAT), "each part once");
    }
}
