package gomikrobot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.testing.Eventually;
import gomikrobot.testing.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group panel in headless Chromium: two gateway processes, "home" (with the browser) and "vm", in one group
 * on a real broker in this JVM. The panel shows the roster, sends a task that vm answers, and shares an item that
 * reaches vm.
 */
class GroupPanelTest {
    private static final Map<String, String> GROUP = Map.of("MIKROBOT_GROUP_ENABLED", "true",
            "MIKROBOT_GROUP_GROUP_NAME", "panel", "MIKROBOT_GROUP_SECRET", "panel-test-secret-0123456789",
            "MIKROBOT_GROUP_HEARTBEAT_INTERVAL", "1s");

    /** Joining takes a broker round of consumer-group rebalancing per member. */
    private static final Duration JOIN = Duration.ofSeconds(45);

    @TempDir
    static Path dir;
    private static KafkaClusterTestKit cluster;
    private static Dashboard dashboard;
    private static DashboardGateway vm;
    private static WebDriverClient browser;

    @BeforeAll
    static void start() throws Exception {
        cluster = KafkaBroker.start();
        dashboard = Dashboard.start(dir, member("home"));
        browser = dashboard.browser;
        vm = DashboardGateway.start(dir.resolve("vm"), TempGitRepo.create(dir.resolve("vm-repo")).dir(),
                dashboard.llm.baseUrl(), member("vm"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (vm != null) {
            vm.close();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void thePanelShowsTheRosterSendsATaskThatComesBackAndSharesAnItem() throws InterruptedException {
        dashboard.open("#group");
        browser.waitUntil("return !document.getElementById('tab-group').hidden", Dashboard.WAIT);
        try {
            browser.waitUntil("return document.querySelectorAll('[data-testid=group-member][data-status=online]')"
                    + ".length === 2", JOIN);
        } catch (WebDriverException e) {
            throw new AssertionError(browser.text(browser.find("#group-status")) + " " + dashboard.severeLogs()
                    + "\nhome:\n" + dashboard.gateway.log() + "\nvm:\n" + vm.log(), e);
        }
        assertEquals("ok", dashboard.awaitSettled("#group-status"));

        browser.sendKeys(browser.find("#group-task-description"), "Say hello from the group panel.");
        browser.sendKeys(browser.find("#group-task-to"), "vm");
        browser.click(browser.find("[data-testid=group-task-send]"));
        browser.waitUntil("return document.querySelector('[data-testid=group-task][data-status=completed]')",
                Dashboard.WAIT);
        String task = browser.text(browser.find("[data-testid=group-task]"));
        assertTrue(task.contains("→ vm") && task.contains("echo: Say hello from the group panel."), task);

        browser.sendKeys(browser.find("#group-share-title"), "Deploy day");
        browser.sendKeys(browser.find("#group-share-content"), "We deploy on Thursdays.");
        browser.click(browser.find("[data-testid=group-share-send]"));
        browser.waitFor("[data-testid=group-item]", Dashboard.WAIT);
        assertTrue(browser.text(browser.find("[data-testid=group-item]")).contains("We deploy on Thursdays."));
        Eventually.await(() -> vm.getJson("/api/v1/group/memory") instanceof List<?> items && items.size() == 1,
                "the shared item stored on vm");

        dashboard.screenshot("group", 900);
        assertEquals(List.of(), dashboard.failedRequests());
        assertEquals(List.of(), dashboard.severeLogs());
    }

    private static Map<String, String> member(String agentId) {
        Map<String, String> env = new HashMap<>(GROUP);
        env.put("MIKROBOT_GROUP_AGENT_ID", agentId);
        env.put("MIKROBOT_GROUP_KAFKA_BROKERS", cluster.bootstrapServers());
        return env;
    }
}
