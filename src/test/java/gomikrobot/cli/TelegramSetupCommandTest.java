package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.ConfigFile;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import gomikrobot.testing.FakeBotApiServer;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.SettingsStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code telegram-setup}, {@code telegram-auth} and the {@code status} line, the token checked by the fake Bot API. */
class TelegramSetupCommandTest {
    private static final String WRONG = "987654321:AAnot-the-token-the-fake-knows_1234";

    @TempDir
    Path userHome;
    private FakeBotApiServer telegram;

    @BeforeEach
    void start() {
        telegram = FakeBotApiServer.start();
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void flagsWithAWorkingTokenSaveEveryKeyAndNeverPrintTheToken() {
        CliRun r = run("", "telegram-setup", "--non-interactive", "--enable", "--token-env", "MY_BOT_TOKEN",
                "--owner-id", "1001", "--allow-from", "2002, @Carol", "--groups", "mention", "--pair-token", "letmein42");

        assertEquals(0, r.exit, r.out + r.err);
        JsonObject tg = telegram();
        assertTrue(tg.bool("enabled", false));
        assertEquals(FakeBotApiServer.TOKEN, tg.string("token", ""));
        assertEquals(1001, tg.integer("ownerId", 0));
        assertEquals(List.of("2002", "@carol"), tg.strings("allowFrom"));
        assertEquals("mention", tg.string("groups", ""));
        assertTrue(r.out.contains("token:              [REDACTED] (works: @" + FakeBotApiServer.BOT_USERNAME + ")"),
                r.out);
        assertFalse((r.out + r.err).contains(FakeBotApiServer.TOKEN), "the token is never printed");
        assertEquals("letmein42", setting("telegram_pair_token"));
        assertEquals(1, telegram.calls("getMe").size(), "the token was checked with Telegram");
    }

    @Test
    void aTokenTelegramRefusesIsNotSaved() {
        CliRun r = run("", "telegram-setup", "--non-interactive", "--enable", "--token", WRONG);

        assertEquals(1, r.exit, r.out + r.err);
        assertTrue(r.out.contains("The token does not work: Telegram refused it (Unauthorized). Nothing was saved."),
                r.out);
        assertEquals("", telegram().string("token", ""));
        assertFalse(r.out.contains(WRONG));
    }

    @Test
    void promptsAskForTheTokenAgainUntilTelegramTakesIt() {
        String answers = String.join("\n", "y", WRONG, FakeBotApiServer.TOKEN, "12ab", "1001", "bob smith, 2002",
                "2002", "", "sometimes", "off") + "\n";

        CliRun r = run(answers, "telegram-setup");

        assertEquals(0, r.exit, r.out + r.err);
        assertTrue(r.out.contains("The token does not work: Telegram refused it"), r.out);
        assertTrue(r.out.contains("The token works: the bot is @" + FakeBotApiServer.BOT_USERNAME), r.out);
        JsonObject tg = telegram();
        assertEquals(FakeBotApiServer.TOKEN, tg.string("token", ""));
        assertEquals(1001, tg.integer("ownerId", 0), "asked again after a user id that is not a number");
        assertEquals(List.of("2002"), tg.strings("allowFrom"));
        assertEquals("off", tg.string("groups", ""));
        assertFalse(r.out.contains(FakeBotApiServer.TOKEN));
    }

    @Test
    void telegramAuthApprovesAPendingRequestAndRefusesGarbage() {
        run("", "telegram-setup", "--non-interactive", "--disable", "--pair-token", "letmein42");
        try (Database db = Database.open(userHome.resolve(".gomikrobot/timeline.db"), Log.quiet())) {
            new SettingsStore(db).put("telegram_pending", "[\"5005\"]");
        }

        CliRun list = run("", "telegram-auth", "--list");
        assertEquals(0, list.exit, list.err);
        assertTrue(list.out.contains("  5005") && list.out.contains("telegram-auth --approve ID"), list.out);

        CliRun approve = run("", "telegram-auth", "--approve", "5005");
        assertEquals(0, approve.exit, approve.err);
        assertTrue(approve.out.contains("5005 moved from pending to the allowlist"), approve.out);
        assertEquals("5005", setting("telegram_allowlist"));
        assertEquals("[]", setting("telegram_pending"));

        CliRun garbage = run("", "telegram-auth", "--deny", "attacker|allowed");
        assertEquals(2, garbage.exit);
        assertTrue(garbage.err.contains("not a Telegram user id or username"), garbage.err);
    }

    @Test
    void statusShowsTheTokenRedactedAndThatNoGatewayPolls() {
        run("", "telegram-setup", "--non-interactive", "--enable", "--token", FakeBotApiServer.TOKEN, "--skip-check");

        CliRun status = run("", "status");

        assertEquals(0, status.exit, status.err);
        String line = status.out.lines().filter(l -> l.startsWith("telegram:")).findFirst().orElseThrow();
        assertTrue(line.startsWith("telegram:    enabled (token [REDACTED], " + telegram.apiBase() + ", no owner); "
                + "no gateway answers on port"), line);
        assertFalse(status.out.contains(FakeBotApiServer.TOKEN));
    }

    private CliRun run(String stdin, String... args) {
        return CliRun.run(userHome, Map.of("MIKROBOT_CHANNELS_TELEGRAM_API_BASE", telegram.apiBase(),
                "MY_BOT_TOKEN", FakeBotApiServer.TOKEN, "MIKROBOT_DASHBOARD_PORT", "1"), stdin, args);
    }

    private JsonObject telegram() {
        return ConfigFile.read(userHome.resolve(".gomikrobot/config.json")).object("channels").object("telegram");
    }

    private String setting(String key) {
        try (Database db = Database.open(userHome.resolve(".gomikrobot/timeline.db"), Log.quiet())) {
            return new SettingsStore(db).get(key).orElse("");
        }
    }
}
