package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.JsonObject;
import gomikrobot.testing.Eventually;
import gomikrobot.testing.FakeBotApiServer;
import gomikrobot.testing.TelegramUpdates;
import gomikrobot.timeline.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telegram through the real gateway wiring ({@code Gateway.start}, the plugin, the delivery worker and its
 * route), long polling the fake Bot API on loopback, answering with the fake LLM. Each test writes from its own
 * user, so the tests do not depend on each other.
 */
class TelegramGatewayTest {
    private static final long OWNER = 1001;
    private static final long FRIEND = 2002;
    private static final long OTHER_FRIEND = 2003;
    private static final long BLOCKING_FRIEND = 2004;
    private static final long STRANGER = 3003;
    private static final long ASKING_FRIEND = 2005;
    private static final Pattern QUESTION_CODE = Pattern.compile("Reply `yes ([0-9a-f]{4})`");

    @TempDir
    static Path dir;
    private static FakeBotApiServer telegram;
    private static LiveGateway gw;
    private final Http http = new Http();

    @BeforeAll
    static void start() throws Exception {
        telegram = FakeBotApiServer.start();
        gw = LiveGateway.start(dir, Map.of(
                "MIKROBOT_CHANNELS_TELEGRAM_ENABLED", "true",
                "MIKROBOT_CHANNELS_TELEGRAM_TOKEN", FakeBotApiServer.TOKEN,
                "MIKROBOT_CHANNELS_TELEGRAM_API_BASE", telegram.apiBase(),
                "MIKROBOT_CHANNELS_TELEGRAM_OWNER_ID", Long.toString(OWNER),
                "MIKROBOT_CHANNELS_TELEGRAM_ALLOW_FROM", FRIEND + "," + OTHER_FRIEND + "," + BLOCKING_FRIEND + ","
                        + ASKING_FRIEND));
        Http.Reply live = new Http().post(gw.dashboard() + "/api/v1/settings", "{\"key\":\"silent_mode\",\"value\":\"false\"}");
        assertEquals(200, live.status(), live.body());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        telegram.close();
    }

    @Test
    void aTextMakesTheRoundTripThroughTheAgent() throws Exception {
        telegram.deliver(TelegramUpdates.text(OWNER, "owner", "hello gateway"));

        Eventually.await(() -> telegram.sentTo(OWNER).contains("echo: hello gateway"), "the answer on Telegram");
        assertTrue(telegram.calls("sendChatAction").stream().anyMatch(c -> c.params().integer("chat_id", 0) == OWNER),
                "typing was shown while the agent worked");
        Eventually.await(() -> deliveryOf(OWNER).equals(Task.DELIVERY_SENT), "delivery marked sent");
        assertEquals("internal", taskOf(OWNER).orElseThrow().string("message_type", ""),
                "the owner runs with their own tiers");
    }

    @Test
    void aFiveThousandCharacterAnswerIsSentAsTwoMessages() throws Exception {
        String answer = "First half. ".repeat(250).strip() + "\n\n" + "Second half. ".repeat(160).strip();
        assertTrue(answer.length() > 4096 && answer.length() < 8192, answer.length() + " characters");
        gw.llm.enqueueText(answer);
        telegram.deliver(TelegramUpdates.text(FRIEND, null, "a long one, please"));

        Eventually.await(() -> telegram.sentTo(FRIEND).size() == 2, "two messages");
        List<String> parts = telegram.sentTo(FRIEND);
        assertEquals(answer, parts.get(0) + "\n\n" + parts.get(1));
        parts.forEach(p -> assertTrue(p.length() <= 4096, p.length() + " characters"));
    }

    @Test
    void anUnauthorizedSenderNeverReachesTheLlm() throws Exception {
        telegram.deliver(TelegramUpdates.text(STRANGER, "mallory", "secret stranger text"));
        telegram.deliver(TelegramUpdates.text(OTHER_FRIEND, null, "after the stranger"));

        Eventually.await(() -> telegram.sentTo(OTHER_FRIEND).contains("echo: after the stranger"), "the friend's answer");
        assertFalse(gw.llm.requests().stream().anyMatch(r -> r.body().contains("secret stranger text")));
        assertEquals(List.of(), telegram.sentTo(STRANGER));
        List<Object> refused = http.get(gw.dashboard() + "/api/v1/timeline?authorized=false").array();
        assertTrue(refused.stream().anyMatch(e -> String.valueOf(((Map<?, ?>) e).get("content_text"))
                .equals("secret stranger text")), refused.toString());
    }

    @Test
    void theOwnerIsAskedOnTelegramAndTheirYesThereLetsTheToolRun() throws Exception {
        gw.llm.enqueueToolCall("write_file", "{\"path\":\"asked-on-telegram.txt\",\"content\":\"approved\"}");
        gw.llm.enqueueText("Written, with the owner's leave.");
        telegram.deliver(TelegramUpdates.text(ASKING_FRIEND, null, "please note this down"));

        Eventually.await(() -> telegram.sentTo(OWNER).stream().anyMatch(t -> QUESTION_CODE.matcher(t).find()),
                "the approval question in the owner's Telegram chat");
        String question = telegram.sentTo(OWNER).stream().filter(t -> QUESTION_CODE.matcher(t).find()).findFirst()
                .orElseThrow();
        assertTrue(question.contains("`write_file` (tier 1)"), question);
        Matcher code = QUESTION_CODE.matcher(question);
        assertTrue(code.find());
        telegram.deliver(TelegramUpdates.text(OWNER, "owner", "yes " + code.group(1)));

        Eventually.await(() -> telegram.sentTo(ASKING_FRIEND).contains("Written, with the owner's leave."),
                "the friend's answer after the approval");
        assertEquals("approved", Files.readString(gw.workspace.resolve("asked-on-telegram.txt")));
        assertTrue(telegram.sentTo(OWNER).stream().anyMatch(t -> t.startsWith("Approved " + code.group(1))),
                "the owner's yes is acknowledged: " + telegram.sentTo(OWNER));
        assertFalse(gw.llm.requests().stream().anyMatch(r -> r.body().contains("yes " + code.group(1))),
                "the owner's answer never reaches the model");
    }

    @Test
    void aBlockedBotIsMarkedFailedWithoutRetrying() throws Exception {
        telegram.failNextSend(403, "Forbidden: bot was blocked by the user", 0);
        telegram.deliver(TelegramUpdates.text(BLOCKING_FRIEND, null, "then I block you"));

        Eventually.await(() -> deliveryOf(BLOCKING_FRIEND).equals(Task.DELIVERY_FAILED), "delivery failed");
        assertEquals(1, taskOf(BLOCKING_FRIEND).orElseThrow().integer("delivery_attempts", 0), "no retry");
    }

    @Test
    void readinessAndStatusShowTheBotAndThatPollingWorks() throws Exception {
        Eventually.await(() -> telegramState("/readyz").string("state", "").equals("connected"), "polling");
        JsonObject ready = JsonObject.of(http.get(gw.api() + "/readyz").object());
        assertEquals(Boolean.TRUE, ready.object("checks").bool("telegram").orElseThrow());
        JsonObject state = telegramState("/api/v1/status");
        assertEquals("@" + FakeBotApiServer.BOT_USERNAME, state.string("account", ""));
        assertEquals("polling", state.string("detail", ""));
        assertFalse(gw.log().contains(FakeBotApiServer.TOKEN.substring(10)), "the token is never logged");

        CliRun status = CliRun.run(dir.resolve("status-user"), Map.of("MIKROBOT_DASHBOARD_PORT",
                Integer.toString(gw.dashboardPort()), "MIKROBOT_CHANNELS_TELEGRAM_ENABLED", "true",
                "TELEGRAM_BOT_TOKEN", FakeBotApiServer.TOKEN), "", "status");
        assertTrue(status.out.contains("telegram:    enabled (token [REDACTED], https://api.telegram.org, no owner);"
                + " polling as @" + FakeBotApiServer.BOT_USERNAME), status.out);
    }

    private JsonObject telegramState(String path) {
        try {
            return JsonObject.of(http.get(gw.dashboard() + path).object()).object("channels").object("telegram");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String deliveryOf(long chat) {
        return taskOf(chat).map(t -> t.string("delivery_status", "")).orElse("");
    }

    /** This chat's task (each test's user writes once), as {@code GET /api/v1/tasks} shows it; none yet is empty. */
    private Optional<JsonObject> taskOf(long chat) {
        try {
            List<JsonObject> tasks = http.get(gw.dashboard() + "/api/v1/tasks?channel=telegram&limit=100").array()
                    .stream().map(t -> JsonObject.of((Map<?, ?>) t))
                    .filter(t -> t.string("chat_id", "").equals(Long.toString(chat))).toList();
            assertTrue(tasks.size() <= 1, tasks.toString());
            return tasks.stream().findFirst();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
