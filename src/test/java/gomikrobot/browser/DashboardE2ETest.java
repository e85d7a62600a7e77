package gomikrobot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.JsonObject;
import gomikrobot.testing.FakeBotApiServer;
import gomikrobot.testing.StreamHold;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Chromium against the real gateway process and a fake LLM: one gateway and one
 * browser session for the whole class. Each test loads the page itself, so tests do not depend on each other.
 */
class DashboardE2ETest {
    private static final List<String> TABS = List.of("feed", "trace", "tasks", "jobs", "chat", "settings", "repo",
            "approvals");

    @TempDir
    static Path dir;
    private static Dashboard dashboard;
    private static WebDriverClient browser;

    @BeforeAll
    static void startGatewayAndBrowser() {
        dashboard = Dashboard.start(dir);
        browser = dashboard.browser;
    }

    @AfterAll
    static void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    @Test
    void everyTabLoadsWithNoFailedRequestAndNoConsoleError() {
        dashboard.severeLogs(); // drop what earlier tests left
        dashboard.open("");
        assertEquals("ok", dashboard.awaitSettled("#feed-status"), browser.text(browser.find("#feed-status")));
        assertEquals("ok", dashboard.awaitSettled("#gateway-status"));
        assertEquals(true, browser.execute("return document.getElementById('tab-group').hidden"), "no group here");
        for (String tab : TABS) {
            dashboard.clickTab(tab);
        }
        browser.waitUntil("return document.getElementById('settings-usage').textContent.includes('tokens')", Dashboard.WAIT);
        assertEquals("ok", dashboard.awaitSettled("#repo-status"));
        browser.waitFor("[data-testid=repo-log-item]", Dashboard.WAIT);
        assertEquals(List.of(), dashboard.failedRequests());
        assertEquals(List.of(), dashboard.severeLogs());
    }

    /** The check above is only worth something if it sees a failure; this one makes sure it does. */
    @Test
    void failedRequestCheckReportsA404() {
        dashboard.open("");
        browser.execute("fetch('/api/v1/no-such-route').then((r) => r.text())");
        browser.waitUntil("return performance.getEntriesByType('resource').some((e) => e.name.endsWith('/no-such-route'))",
                Dashboard.WAIT);
        assertEquals(List.of("404 " + dashboard.gateway.url("/api/v1/no-such-route")), dashboard.failedRequests());
        assertTrue(dashboard.severeLogs().stream().anyMatch(e -> e.message().contains("no-such-route")));
    }

    /** The page runs under its Content-Security-Policy: the check above would see a violation, as here. */
    @Test
    void inlineScriptIsBlockedByThePagesPolicy() throws InterruptedException {
        dashboard.severeLogs(); // drop what earlier tests left
        dashboard.open("");
        browser.execute("const s = document.createElement('script'); s.textContent = 'window.inlineRan = true;';"
                + " document.head.append(s);");
        assertEquals(false, browser.execute("return window.inlineRan === true;"));
        List<BrowserLogEntry> logged = new ArrayList<>();
        long deadline = System.nanoTime() + Dashboard.WAIT.toNanos(); // the console entry may come a moment later
        while (logged.stream().noneMatch(e -> e.message().contains("Content Security Policy"))
                && System.nanoTime() < deadline) {
            logged.addAll(dashboard.severeLogs());
            Thread.sleep(50);
        }
        assertTrue(logged.stream().anyMatch(e -> e.message().contains("Content Security Policy")), logged.toString());
    }

    @Test
    void webChatMessageAppearsInTheFeedWithItsAnswer() {
        ChatTurn turn = sendChat("hello from the browser");
        assertEquals("answered", turn.state());
        assertEquals("echo: hello from the browser", turn.answer());

        dashboard.open("#feed");
        Element question = browser.waitFor(feedItem(turn.traceId(), "in"), Dashboard.WAIT);
        assertEquals("hello from the browser", browser.text(browser.find(feedItem(turn.traceId(), "in") + " [data-testid=feed-text]")));
        Element answer = browser.waitFor(feedItem(turn.traceId(), "out"), Dashboard.WAIT);
        assertTrue(browser.text(answer).contains("echo: hello from the browser"), browser.text(answer));
        assertTrue(browser.isDisplayed(question));
        dashboard.screenshot("feed", 900);
    }

    @Test
    void webChatShowsTheAnswerGrowingWhileTheModelWritesIt() throws InterruptedException {
        dashboard.llm.enqueueText("This answer grows word by word.");
        StreamHold hold = dashboard.llm.holdNextStream(3);
        try {
            startChat("write slowly");
            hold.awaitReached(Dashboard.WAIT);
            Object partial = browser.waitUntil("""
                    const answer = [...document.querySelectorAll('[data-testid=chat-answer]')].at(-1);
                    return answer.dataset.state === 'writing' ? answer.querySelector('.text').textContent : null""",
                    Dashboard.WAIT);
            assertEquals("This answer grows ", partial, "the first words, while the model is still writing");
        } finally {
            hold.release();
        }
        Object done = browser.waitUntil("""
                const answer = [...document.querySelectorAll('[data-testid=chat-answer]')].at(-1);
                return answer.dataset.state === 'answered' ? answer.querySelector('.text').textContent : null""",
                Dashboard.WAIT);
        assertEquals("This answer grows word by word.", done);
    }

    @Test
    void traceViewerShowsTheToolCallAndItsPolicyDecision() throws IOException {
        Files.createDirectories(dashboard.gateway.workspace());
        Files.writeString(dashboard.gateway.workspace().resolve("notes.txt"), "The secret word is pineapple.\n");
        dashboard.llm.enqueueToolCall("read_file", "{\"path\":\"notes.txt\"}");
        dashboard.llm.enqueueText("Your notes say the secret word is pineapple.");
        ChatTurn turn = sendChat("What do my notes say?");
        assertEquals("Your notes say the secret word is pineapple.", turn.answer());

        browser.click(browser.find("[data-testid=chat-answer]:last-child button"));
        Element tool = browser.waitFor("[data-testid=trace-span][data-type=TOOL]", Dashboard.WAIT);
        assertEquals(turn.traceId(), browser.property(browser.find("#trace-id"), "value"));
        browser.click(browser.find("[data-testid=trace-span][data-type=TOOL] summary"));
        assertTrue(browser.text(tool).contains("read_file"), browser.text(tool));
        String result = browser.text(browser.find("[data-testid=trace-span][data-type=TOOL] dd[data-field=result]"));
        assertTrue(result.contains("pineapple"), result);
        Element policy = browser.find("[data-testid=trace-policy]");
        assertEquals("true", browser.attribute(policy, "data-allowed"));
        String row = browser.text(policy);
        assertTrue(row.contains("read_file") && row.contains("allowed"), row);
        String firstLlm = browser.text(browser.find("[data-testid=trace-span][data-type=LLM] summary"));
        assertTrue(firstLlm.contains("→ tools: read_file"), firstLlm);
        dashboard.screenshot("trace", 1600);
    }

    @Test
    void aWebUsersTierOneToolWaitsInTheApprovalsPanelWhoseDenyButtonRefusesIt() {
        dashboard.llm.enqueueToolCall("write_file", "{\"path\":\"intruder.txt\",\"content\":\"written from the web\"}");
        dashboard.llm.enqueueText("I am not allowed to write files for you.");
        int answersBefore = startChat("Please write a file");

        dashboard.clickTab("approvals");
        Element request = browser.waitFor("[data-testid=approval-item]", Dashboard.WAIT);
        String shown = browser.text(request);
        assertTrue(shown.contains("write_file") && shown.contains("tier 1") && shown.contains("on webui"), shown);
        assertTrue(browser.text(browser.find("[data-testid=approval-arguments]")).contains("intruder.txt"));
        assertEquals("1", browser.text(browser.find("#approvals-count")));
        dashboard.screenshot("approvals", 700);
        browser.click(browser.find("[data-testid=approval-deny]"));
        browser.waitFor("[data-testid=approvals-none]", Dashboard.WAIT);
        assertEquals("ok", dashboard.awaitSettled("#approvals-status"));
        assertEquals(false, browser.isDisplayed(browser.find("#approvals-count")));

        dashboard.clickTab("chat");
        ChatTurn turn = awaitChatAnswer(answersBefore);
        assertEquals("I am not allowed to write files for you.", turn.answer());
        dashboard.open("#trace/" + turn.traceId());
        Element policy = browser.waitFor("[data-testid=trace-policy]", Dashboard.WAIT);
        assertEquals("false", browser.attribute(policy, "data-allowed"));
        String row = browser.text(policy);
        assertTrue(row.contains("write_file") && row.contains("denied_by_owner"), row);
        assertEquals("denied", browser.attribute(browser.find("[data-testid=trace-approval]"), "data-status"));
        assertFalse(Files.exists(dashboard.gateway.workspace().resolve("intruder.txt")));
    }

    @Test
    void silentToggleSwitchesTheSilentModeSetting() {
        dashboard.open("");
        Element toggle = browser.find("#silent-toggle");
        String before = (String) browser.waitUntil(
                "const m = document.getElementById('silent-toggle').dataset.mode; return m === 'silent' || m === 'live' ? m : null",
                Dashboard.WAIT);
        boolean silentBefore = silentMode();
        assertEquals(silentBefore ? "silent" : "live", before);

        browser.click(toggle);
        String after = before.equals("silent") ? "live" : "silent";
        browser.waitUntil("return document.getElementById('silent-toggle').dataset.mode === arguments[0]", Dashboard.WAIT, after);
        assertEquals(!silentBefore, silentMode());
        assertEquals(String.valueOf(!silentBefore), attribute("#silent-toggle", "aria-pressed"));

        browser.click(toggle);
        browser.waitUntil("return document.getElementById('silent-toggle').dataset.mode === arguments[0]", Dashboard.WAIT, before);
        assertEquals(silentBefore, silentMode());
    }

    @Test
    void theHeaderShowsTheTelegramBotAndThatItPolls() {
        dashboard.open("");
        browser.waitUntil("return document.getElementById('gateway-status').dataset.telegramState === 'connected'",
                Dashboard.WAIT);
        String header = browser.text(browser.find("#gateway-status"));
        assertTrue(header.contains("Telegram @" + FakeBotApiServer.BOT_USERNAME + " polling"), header);
    }

    @Test
    void approvingATelegramRequestInSettingsMovesItToTheTelegramAllowlistOnly() {
        dashboard.open("");
        assertEquals(200L, browser.execute("""
                return fetch('/api/v1/settings', {method: 'POST', headers: {'Content-Type': 'application/json'},
                    body: JSON.stringify({key: 'telegram_pending', value: '["5005"]'})}).then((r) => r.status)"""));
        dashboard.open("#settings");
        String approve = "#settings-telegram-pending [data-testid=pending-approve]";
        browser.waitFor(approve, Dashboard.WAIT);
        browser.click(browser.find(approve));

        browser.waitUntil("return document.getElementById('settings-telegram-allowlist').value === '5005'",
                Dashboard.WAIT);
        assertEquals("5005", setting("telegram_allowlist"));
        assertEquals("", setting("telegram_pending"));
        assertEquals("", setting("whatsapp_allowlist"), "the other channel's lists are left alone");
    }

    @Test
    void commitFromTheRepoPanelLandsInTheWorkRepo() {
        dashboard.repo.write("todo.txt", "buy milk\n");
        dashboard.open("#repo");
        assertEquals("ok", dashboard.awaitSettled("#repo-status"));
        browser.waitUntil("return document.getElementById('repo-status').textContent.includes('todo.txt')", Dashboard.WAIT);
        browser.sendKeys(browser.find("#repo-commit-message"), "Add the shopping list from the dashboard");
        browser.click(browser.find("#repo-commit"));
        assertEquals("ok", dashboard.awaitSettled("#repo-output"), browser.text(browser.find("#repo-output")));

        assertEquals("Add the shopping list from the dashboard", dashboard.repo.lastSubject());
        assertEquals("", dashboard.repo.git("status", "--porcelain").strip());
        browser.waitUntil("""
                const first = document.querySelector('[data-testid=repo-log-item]');
                return first && first.textContent.includes('Add the shopping list from the dashboard')""", Dashboard.WAIT);
    }

    @Test
    void htmlInAMessageIsShownAsTextAndNeverRuns() {
        String attack = "<img src=x onerror=alert(1)>";
        ChatTurn turn = sendChat(attack);
        assertEquals("echo: " + attack, turn.answer());
        assertEquals(attack, browser.text(browser.find("[data-testid=chat-message]:nth-last-child(2) .text")));

        dashboard.open("#feed");
        browser.waitFor(feedItem(turn.traceId(), "in"), Dashboard.WAIT);
        assertEquals(attack, browser.text(browser.find(feedItem(turn.traceId(), "in") + " [data-testid=feed-text]")));
        browser.waitFor(feedItem(turn.traceId(), "out"), Dashboard.WAIT);
        assertEquals(0L, browser.execute("return document.querySelectorAll('img').length"));
        assertEquals(Optional.empty(), browser.alertText());
    }

    @Test
    void jobsPanelAddsRunsPausesAndDeletesAJobAndLinksItsLastRunsTrace() {
        dashboard.open("#jobs");
        assertEquals("ok", dashboard.awaitSettled("#jobs-status"));
        browser.sendKeys(browser.find("#jobs-name"), "panel-job");
        browser.sendKeys(browser.find("#jobs-prompt"), "Say hello from the jobs panel.");
        browser.execute("document.getElementById('jobs-when').value = 'every'");
        browser.sendKeys(browser.find("#jobs-when-value"), "1h");
        browser.sendKeys(browser.find("#jobs-to"), "webui:1");
        browser.click(browser.find("#jobs-add"));
        String row = "[data-testid=job-row]";
        browser.waitUntil("return document.getElementById('jobs-status').textContent.startsWith('Added job')",
                Dashboard.WAIT);
        String text = browser.text(browser.find(row));
        assertTrue(text.contains("panel-job") && text.contains("every 1h") && text.contains("webui:1"), text);

        browser.click(browser.find(row + " [data-testid=job-run]"));
        Element trace = browser.waitFor(row + " [data-testid=job-trace]", Dashboard.WAIT);
        String traceId = browser.attribute(trace, "data-trace-id");
        browser.waitUntil("return document.querySelector('[data-testid=job-row] [data-field=last]').textContent"
                + ".includes('completed')", Dashboard.WAIT);
        dashboard.screenshot("jobs", 700);
        browser.click(browser.find(row + " [data-testid=job-trace]"));
        browser.waitFor("[data-testid=trace-span]", Dashboard.WAIT);
        assertEquals(traceId, browser.property(browser.find("#trace-id"), "value"));

        dashboard.open("#jobs");
        browser.click(browser.waitFor(row + " [data-testid=job-toggle]", Dashboard.WAIT));
        browser.waitUntil("return document.querySelector('[data-testid=job-row]').dataset.enabled === 'false'",
                Dashboard.WAIT);
        assertEquals("paused", browser.text(browser.find(row + " [data-field=next]")));
        browser.execute("window.confirm = () => true");
        browser.click(browser.find(row + " [data-testid=job-delete]"));
        browser.waitUntil("return document.querySelectorAll('[data-testid=job-row]').length === 0", Dashboard.WAIT);
        assertEquals(List.of(), dashboard.failedRequests());
    }

    /** One web-chat exchange as the dashboard showed it. */
    private record ChatTurn(String traceId, String state, String answer) {
    }

    /** Sends a message from the chat tab as web user "ada" (created on first use) and waits for the answer. */
    private static ChatTurn sendChat(String message) {
        return awaitChatAnswer(startChat(message));
    }

    /** Sends a message from the chat tab as web user "ada"; returns how many answers the chat showed before. */
    private static int startChat(String message) {
        dashboard.open("#chat");
        browser.waitUntil("return document.getElementById('chat-status').textContent !== ''", Dashboard.WAIT);
        if (browser.property(browser.find("#webuser-select"), "value").equals("")) {
            browser.sendKeys(browser.find("#webuser-name"), "ada");
            browser.click(browser.find("#webuser-create"));
        }
        browser.waitUntil("return !document.getElementById('chat-input').disabled", Dashboard.WAIT);
        int before = browser.findAll("[data-testid=chat-answer]").size();
        browser.sendKeys(browser.find("#chat-input"), message);
        browser.click(browser.find("#chat-send"));
        return before;
    }

    /** The answer after the {@code before} ones, once the chat shows it. */
    private static ChatTurn awaitChatAnswer(int before) {
        browser.waitUntil("return document.querySelectorAll('[data-testid=chat-answer]').length > arguments[0]",
                Dashboard.WAIT, before);
        String state = (String) browser.waitUntil("""
                const answer = [...document.querySelectorAll('[data-testid=chat-answer]')].at(-1);
                return ['waiting', 'writing'].includes(answer.dataset.state) ? null : answer.dataset.state""",
                Dashboard.WAIT);
        Element answer = browser.find("[data-testid=chat-answer]:last-child");
        return new ChatTurn(browser.attribute(answer, "data-trace-id"), state,
                browser.text(browser.find("[data-testid=chat-answer]:last-child .text")));
    }

    private static String feedItem(String traceId, String direction) {
        return "[data-testid=feed-item][data-trace-id='" + traceId + "'][data-direction=" + direction + "]";
    }

    private static String setting(String key) {
        Object answer = dashboard.gateway.getJson("/api/v1/settings?key=" + key);
        return JsonObject.of((Map<?, ?>) answer).string("value", "");
    }

    private static boolean silentMode() {
        Object settings = dashboard.gateway.getJson("/api/v1/settings");
        return JsonObject.of((Map<?, ?>) settings).bool("silent_mode").orElseThrow();
    }

    private static String attribute(String css, String name) {
        return browser.attribute(browser.find(css), name);
    }
}
