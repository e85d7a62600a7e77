package gomikrobot.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gomikrobot.testing.FakeBotApiServer;
import gomikrobot.testing.FakeOpenAiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One browser test setup: the fake LLM, a temp git work repo, the real gateway process and a headless Chromium
 * session, started together and closed together. Skips the test class (JUnit assumption) where chromedriver is
 * not installed.
 */
final class Dashboard implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);
    /** The window size of {@link WebDriverClient#CHROME_ARGS}. */
    static final int WIDTH = 1280;
    static final int HEIGHT = 900;
    static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    final FakeOpenAiServer llm;
    final FakeBotApiServer telegram;
    final TempGitRepo repo;
    final DashboardGateway gateway;
    final WebDriverClient browser;

    private Dashboard(FakeOpenAiServer llm, FakeBotApiServer telegram, TempGitRepo repo, DashboardGateway gateway,
                      WebDriverClient browser) {
        this.llm = llm;
        this.telegram = telegram;
        this.repo = repo;
        this.gateway = gateway;
        this.browser = browser;
    }

    /** Everything lives under {@code dir}; the browser session starts last, once the gateway listens. */
    static Dashboard start(Path dir) {
        return start(dir, Map.of());
    }

    /** As above, the gateway's environment with {@code extraEnv} too (a group). */
    static Dashboard start(Path dir, Map<String, String> extraEnv) {
        Path chromedriver = WebDriverClient.chromedriver().orElse(null);
        assumeTrue(chromedriver != null, "chromedriver not installed (apt-get install chromium chromium-driver)");
        FakeOpenAiServer llm = FakeOpenAiServer.start();
        FakeBotApiServer telegram = FakeBotApiServer.start();
        DashboardGateway gateway = null;
        try {
            TempGitRepo repo = TempGitRepo.create(dir.resolve("work-repo"));
            Map<String, String> env = new HashMap<>(Map.of("MIKROBOT_CHANNELS_TELEGRAM_ENABLED", "true",
                    "MIKROBOT_CHANNELS_TELEGRAM_TOKEN", FakeBotApiServer.TOKEN,
                    "MIKROBOT_CHANNELS_TELEGRAM_API_BASE", telegram.apiBase()));
            env.putAll(extraEnv);
            gateway = DashboardGateway.start(dir.resolve("home"), repo.dir(), llm.baseUrl(), env);
            return new Dashboard(llm, telegram, repo, gateway, WebDriverClient.start(chromedriver));
        } catch (RuntimeException e) {
            if (gateway != null) {
                gateway.close();
            }
            llm.close();
            telegram.close();
            throw e;
        }
    }

    /**
     * Loads the dashboard afresh at {@code hash} ("" for the feed). Going through a blank page first makes it a
     * real page load even when only the hash differs from the current URL; session storage is kept.
     */
    void open(String hash) {
        browser.navigate("about:blank");
        browser.navigate(gateway.url("/timeline" + hash));
        browser.waitUntil("return document.readyState === 'complete'", WAIT);
    }

    void clickTab(String name) {
        browser.click(browser.find("#tab-" + name));
        browser.waitUntil("return !document.getElementById('panel-' + arguments[0]).hidden", WAIT, name);
    }

    /** Waits until a status element ({@code data-state}) leaves "busy" and returns its final state. */
    String awaitSettled(String css) {
        return (String) browser.waitUntil("""
                const node = document.querySelector(arguments[0]);
                return node && node.dataset.state && node.dataset.state !== 'busy' ? node.dataset.state : null""",
                WAIT, css);
    }

    /**
     * Saves a screenshot to target/screenshots/{@code name}.png, with the window made {@code height} pixels tall
     * for it (then restored) so the whole of what the test checked is in the picture.
     */
    Path screenshot(String name, int height) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + SCREENSHOTS, e);
        }
        browser.setWindowSize(WIDTH, height);
        try {
            return browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
        } finally {
            browser.setWindowSize(WIDTH, HEIGHT);
        }
    }

    /**
     * Requests of this page that failed: resource-timing entries (navigation included) whose HTTP status is not
     * 2xx or 3xx, as "status url" lines. A request that never got an answer has status 0 and is listed too.
     * Chromium records a fetch once its body has been read, which the dashboard's api.js always does.
     */
    @SuppressWarnings("unchecked")
    List<String> failedRequests() {
        return (List<String>) browser.execute("""
                return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                  .filter((e) => !(e.responseStatus >= 200 && e.responseStatus < 400))
                  .map((e) => e.responseStatus + ' ' + e.name)""");
    }

    /** Console entries of level SEVERE since the last call (script errors, failed loads). */
    List<BrowserLogEntry> severeLogs() {
        return browser.browserLogs().stream().filter(BrowserLogEntry::isSevere).toList();
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            try {
                gateway.close();
            } finally {
                llm.close();
                telegram.close();
            }
        }
    }
}
