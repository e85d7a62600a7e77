package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.testing.FakeBotApiServer;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.testing.TelegramUpdates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gateway process is killed with SIGKILL after it took a Telegram message from {@code getUpdates} (its task
 * stored, the offset moved past it) and while the model is still working on it; a new gateway on the same home
 * answers it, and exactly once. (A crash before the offset row is written, when Telegram hands the update over
 * again, is {@code TelegramChannelTest}'s.)
 */
class TelegramCrashTest {
    private static final long OWNER = 1001;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final Http http = new Http();

    @Test
    void killedBetweenGetUpdatesAndTheAnswerTheMessageIsAnsweredExactlyOnceAfterARestart() throws Exception {
        try (FakeBotApiServer telegram = FakeBotApiServer.start(); FakeOpenAiServer llm = FakeOpenAiServer.start()) {
            llm.setDefaultDelay(Duration.ofMinutes(2)); // the first gateway never gets its answer
            try (GatewayProcess first = GatewayProcess.start(dir, "first", env(telegram, llm))) {
                assertTrue(first.awaitListening(Duration.ofSeconds(30)), first.stderr());
                goLive(first);
                long update = telegram.deliver(TelegramUpdates.text(OWNER, "owner", "survive the crash"));
                await(() -> llm.count("/chat/completions") == 1 && telegram.calls("getUpdates").stream()
                        .anyMatch(c -> c.params().integer("offset", 0) == update + 1), first,
                        "the model asked and the offset moved past the update");
                first.kill();
            }
            llm.setDefaultDelay(Duration.ZERO);
            try (GatewayProcess second = GatewayProcess.start(dir, "second", env(telegram, llm))) {
                assertTrue(second.awaitListening(Duration.ofSeconds(30)), second.stderr());
                await(() -> telegram.sentTo(OWNER).contains("echo: survive the crash"), second, "the answer");
                telegram.deliver(TelegramUpdates.text(OWNER, "owner", "and after the restart"));
                await(() -> telegram.sentTo(OWNER).contains("echo: and after the restart"), second, "the next answer");
                second.process.toHandle().destroy();
                assertEquals(0, second.awaitExit(Duration.ofSeconds(30)), second.stderr());
            }
            assertEquals(List.of("echo: survive the crash", "echo: and after the restart"), telegram.sentTo(OWNER),
                    "each answered exactly once");
            assertEquals(0, telegram.unconfirmed());
        }
    }

    private Map<String, String> env(FakeBotApiServer telegram, FakeOpenAiServer llm) {
        return Map.of("GOMIKROBOT_HOME", dir.resolve("h").toString(),
                "HOME", dir.toString(),
                "MIKROBOT_OPENAI_API_BASE", llm.baseUrl(),
                "MIKROBOT_OPENAI_API_KEY", "sk-test-telegram-crash-1234",
                "MIKROBOT_PATHS_WORK_REPO_PATH", dir.resolve("repo").toString(),
                "MIKROBOT_CHANNELS_TELEGRAM_ENABLED", "true",
                "MIKROBOT_CHANNELS_TELEGRAM_TOKEN", FakeBotApiServer.TOKEN,
                "MIKROBOT_CHANNELS_TELEGRAM_API_BASE", telegram.apiBase(),
                "MIKROBOT_CHANNELS_TELEGRAM_OWNER_ID", Long.toString(OWNER));
    }

    /** Silent mode is on until switched off (a missing row means on): answers would be held back. */
    private void goLive(GatewayProcess gw) throws Exception {
        Http.Reply live = http.post("http://127.0.0.1:" + gw.dashboardPort() + "/api/v1/settings",
                "{\"key\":\"silent_mode\",\"value\":\"false\"}");
        assertEquals(200, live.status(), live.body());
    }

    private static void await(BooleanSupplier condition, GatewayProcess gw, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "no " + what + " within " + WAIT.toSeconds() + " s: "
                    + gw.stderr());
            Thread.sleep(20);
        }
    }
}
