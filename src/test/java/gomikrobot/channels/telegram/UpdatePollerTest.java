package gomikrobot.channels.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.AnswerStream;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Inbox;
import gomikrobot.bus.Receipt;
import gomikrobot.bus.Reply;
import gomikrobot.channels.ChannelContext;
import gomikrobot.session.Turn;
import gomikrobot.channels.ChannelStatus;
import gomikrobot.channels.ChannelStatus.State;
import gomikrobot.channels.ReconnectSchedule;
import gomikrobot.config.ConfigLoader;
import gomikrobot.observe.Log;
import gomikrobot.provider.Sleeper;
import gomikrobot.testing.FakeBotApiServer;
import gomikrobot.testing.MutableClock;
import gomikrobot.testing.TelegramUpdates;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.SettingsStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the poller's state says when Telegram answers, refuses or is not there. Waits are recorded, never slept:
 * the first wait ends the run, as an interrupt would.
 */
class UpdatePollerTest {
    @TempDir
    Path dir;
    private FakeBotApiServer telegram;
    private Database db;
    private final MutableClock clock = new MutableClock("2026-12-01T10:00:00Z");
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final Sleeper stopAtFirstWait = wait -> {
        waits.add(wait);
        throw new InterruptedException("the test ends the run here");
    };

    @BeforeEach
    void start() {
        telegram = FakeBotApiServer.start();
        db = Database.open(dir.resolve("timeline.db"), Log.quiet());
    }

    @AfterEach
    void stop() {
        db.close();
        telegram.close();
    }

    @Test
    void aRefusedTokenStopsPollingForGood() {
        UpdatePoller poller = poller(telegram.apiBase(), "987654321:AAnot-the-token-the-fake-knows_1234");
        poller.run(); // returns by itself: waiting cannot help

        ChannelStatus status = poller.status();
        assertEquals(State.TOKEN_REFUSED, status.state());
        assertTrue(status.detail().contains("telegram-setup"), status.detail());
        assertEquals(List.of(), waits);
    }

    @Test
    void anotherPollerIsReportedAndWaitedOutWithBackoff() {
        telegram.failNext("getUpdates", 409, "Conflict: terminated by other getUpdates request;"
                + " make sure that only one bot instance is running", 0);
        UpdatePoller poller = poller(telegram.apiBase(), FakeBotApiServer.TOKEN);
        poller.run();

        ChannelStatus status = poller.status();
        assertEquals(State.RECONNECTING, status.state());
        assertTrue(status.detail().startsWith("another program polls this bot"), status.detail());
        assertEquals("@" + FakeBotApiServer.BOT_USERNAME, status.account());
        assertEquals(List.of(Duration.ofSeconds(1)), waits);
        assertEquals(clock.instant().plusSeconds(1), status.nextAttemptAt());
    }

    @Test
    void floodControlOnPollingWaitsAsTelegramAsks() {
        telegram.failNext("getUpdates", 429, "Too Many Requests: retry after 12", 12);
        poller(telegram.apiBase(), FakeBotApiServer.TOKEN).run();
        assertEquals(List.of(Duration.ofSeconds(12)), waits);
    }

    @Test
    void anUnreachableServerIsRetriedAndNoMessageNamesItsAddress() {
        String base = telegram.apiBase();
        telegram.close();
        UpdatePoller poller = poller(base, FakeBotApiServer.TOKEN);
        poller.run();

        ChannelStatus status = poller.status();
        assertEquals(State.RECONNECTING, status.state());
        assertTrue(status.detail().startsWith("getMe: "), status.detail());
        assertFalse(status.detail().contains(FakeBotApiServer.TOKEN) || status.detail().contains("/bot"),
                status.detail());
        assertEquals(1, waits.size());
    }

    @Test
    void aWorkingBotIsPollingAsItsUsername() throws Exception {
        UpdatePoller poller = poller(telegram.apiBase(), FakeBotApiServer.TOKEN);
        telegram.deliverUpdate("channel_post", TelegramUpdates.text(-100, null, "not for the agent"));
        assertTrue(poller.pollOnce());
        assertEquals(new ChannelStatus(State.CONNECTED, "polling", null, "@" + FakeBotApiServer.BOT_USERNAME),
                poller.status());
        assertEquals(0, telegram.calls("getUpdates").getFirst().params().integer("timeout", -1),
                "the first poll does not wait: the state says at once whether polling works");
        assertTrue(new SettingsStore(db).get(PollOffset.KEY).orElseThrow().startsWith(FakeBotApiServer.BOT_ID + ":"));
    }

    private UpdatePoller poller(String apiBase, String token) {
        var config = new ConfigLoader(Map.of("GOMIKROBOT_HOME", dir.resolve("home").toString(),
                "MIKROBOT_CHANNELS_TELEGRAM_API_BASE", apiBase, "MIKROBOT_CHANNELS_TELEGRAM_TOKEN", token), dir).load();
        ChannelContext context = new ChannelContext(config, new NoInbox(), new SettingsStore(db), null,
                (message, classification) -> { }, Log.quiet());
        TelegramChannel channel = TelegramChannel.wire(context, new TelegramChannel.Seams(BotApi.httpClient(), clock,
                stopAtFirstWait, new ReconnectSchedule(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2, () -> 0.0),
                Runnable::run, 30));
        return channel.poller();
    }

    /** No test here hands a message to the agent. */
    private static final class NoInbox implements Inbox {
        @Override
        public Receipt submit(InboundMessage message, AnswerStream stream) {
            throw new AssertionError("no message reaches the inbox here: " + message);
        }

        @Override
        public Reply ask(InboundMessage message, Duration timeout, AnswerStream stream) {
            throw new AssertionError("no message reaches the inbox here: " + message);
        }

        @Override
        public Reply ask(InboundMessage message, List<Turn> history, Duration timeout, AnswerStream stream) {
            throw new AssertionError("no message reaches the inbox here: " + message);
        }
    }
}
