package gomikrobot.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A minimal W3C WebDriver client for browser tests, over java.net.http, driving headless
 * Chromium through a chromedriver child process. One instance = one driver process + one
 * browser session; {@link #close()} ends both and deletes the throwaway profile.
 *
 * <pre>{@code
 * try (WebDriverClient browser = WebDriverClient.start(WebDriverClient.chromedriver().orElseThrow())) {
 *     browser.navigate("http://127.0.0.1:" + port + "/timeline");
 *     browser.click(browser.waitFor("#tab-settings", Duration.ofSeconds(5)));
 * }
 * }</pre>
 */
public final class WebDriverClient implements AutoCloseable {
    /** Headless and quiet: no GPU, no sandbox (containers), no calls home. */
    public static final List<String> CHROME_ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-dev-shm-usage", "--window-size=1280,900");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(50);

    private final ChromeDriverProcess driver;
    private final Path workDir;
    private final WebDriverHttp http;
    private final String session;

    private WebDriverClient(ChromeDriverProcess driver, Path workDir, WebDriverHttp http, String session) {
        this.driver = driver;
        this.workDir = workDir;
        this.http = http;
        this.session = "session/" + session + "/";
    }

    /** chromedriver on PATH, if installed. */
    public static Optional<Path> chromedriver() {
        return ChromeDriverProcess.onPath("chromedriver");
    }

    public static WebDriverClient start(Path chromedriver) {
        return start(chromedriver, List.of());
    }

    /** Starts chromedriver and a browser session with {@link #CHROME_ARGS} plus {@code extraChromeArgs}. */
    public static WebDriverClient start(Path chromedriver, List<String> extraChromeArgs) {
        Path workDir = createWorkDir();
        ChromeDriverProcess driver = null;
        try {
            driver = ChromeDriverProcess.start(chromedriver, workDir);
            WebDriverHttp http = new WebDriverHttp(driver.base(), COMMAND_TIMEOUT);
            Object created = http.post("session", capabilities(workDir, extraChromeArgs));
            if (!(created instanceof Map<?, ?> value) || !(value.get("sessionId") instanceof String id)) {
                throw new WebDriverException("session not created", "unexpected answer " + created);
            }
            return new WebDriverClient(driver, workDir, http, id);
        } catch (RuntimeException e) {
            if (driver != null) {
                String log = driver.logTail();
                driver.close();
                deleteTree(workDir);
                throw new WebDriverException(e.getMessage() + "\nchromedriver log:\n" + log, e);
            }
            deleteTree(workDir);
            throw e;
        }
    }

    public void navigate(String url) {
        http.post(session + "url", Map.of("url", url));
    }

    public String currentUrl() {
        return (String) http.get(session + "url");
    }

    public String title() {
        return (String) http.get(session + "title");
    }

    /** The first element matching the CSS selector; {@link WebDriverException} "no such element" if none. */
    public Element find(String css) {
        return element(http.post(session + "element", locator(css)));
    }

    public List<Element> findAll(String css) {
        return ((List<?>) http.post(session + "elements", locator(css))).stream().map(WebDriverClient::element).toList();
    }

    /** Polls until an element matching the selector exists, or fails after {@code timeout}. */
    public Element waitFor(String css, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Element> found = findAll(css);
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new WebDriverException("timeout", "no element matches " + css + " after " + timeout);
            }
            ChromeDriverProcess.sleep(POLL);
        }
    }

    /** Polls a script (a function body) until it returns a truthy value, which is returned. */
    public Object waitUntil(String script, Duration timeout, Object... args) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Object result = execute(script, args);
            if (result != null && !Boolean.FALSE.equals(result) && !"".equals(result)) {
                return result;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new WebDriverException("timeout", "script stayed falsy for " + timeout + ": " + script);
            }
            ChromeDriverProcess.sleep(POLL);
        }
    }

    public void click(Element element) {
        http.post(elementPath(element) + "click", Map.of());
    }

    public void sendKeys(Element element, String text) {
        http.post(elementPath(element) + "value", Map.of("text", text));
    }

    public void clear(Element element) {
        http.post(elementPath(element) + "clear", Map.of());
    }

    /** The rendered (visible) text of the element. */
    public String text(Element element) {
        return (String) http.get(elementPath(element) + "text");
    }

    /** A DOM property (value, checked, disabled, …); null when absent. */
    public Object property(Element element, String name) {
        return http.get(elementPath(element) + "property/" + name);
    }

    public String attribute(Element element, String name) {
        return (String) http.get(elementPath(element) + "attribute/" + name);
    }

    public boolean isDisplayed(Element element) {
        return Boolean.TRUE.equals(http.get(elementPath(element) + "displayed"));
    }

    /**
     * Runs a script as a function body ({@code return arguments[0] + 1}); {@link Element} arguments and results
     * are passed as element references; numbers come back as Long or Double.
     */
    public Object execute(String script, Object... args) {
        List<Object> wire = Stream.of(args).map(a -> a instanceof Element e ? e.toJson() : a).toList();
        Object result = http.post(session + "execute/sync", Map.of("script", script, "args", wire));
        return result instanceof Map<?, ?> map && map.containsKey(Element.KEY) ? element(map) : result;
    }

    /** Resizes the browser window (in headless mode any size works, so a tall window fits a long page in a screenshot). */
    public void setWindowSize(int width, int height) {
        http.post(session + "window/rect", Map.of("width", width, "height", height));
    }

    /** The text of an open alert/confirm/prompt dialog, or empty when none is open. */
    public Optional<String> alertText() {
        try {
            return Optional.of(String.valueOf(http.get(session + "alert/text")));
        } catch (WebDriverException e) {
            if (e.error().equals("no such alert")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Saves a PNG of the viewport and returns the file. */
    public Path screenshot(Path png) {
        byte[] bytes = Base64.getDecoder().decode((String) http.get(session + "screenshot"));
        try {
            Files.write(png, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write screenshot " + png, e);
        }
        return png;
    }

    /**
     * Console entries since the last call (chromedriver hands each out once). Empty when the driver does not
     * support log retrieval.
     */
    public List<BrowserLogEntry> browserLogs() {
        Object value;
        try {
            value = http.post(session + "se/log", Map.of("type", "browser"));
        } catch (WebDriverException e) {
            if (e.error().equals("unknown command") || e.error().startsWith("http 404")) {
                return List.of();
            }
            throw e;
        }
        List<BrowserLogEntry> entries = new ArrayList<>();
        for (Object item : (List<?>) value) {
            Map<?, ?> entry = (Map<?, ?>) item;
            Object time = entry.get("timestamp");
            entries.add(new BrowserLogEntry(String.valueOf(entry.get("level")), String.valueOf(entry.get("message")),
                    time instanceof Number n ? n.longValue() : 0L));
        }
        return entries;
    }

    /** Ends the session (closing the browser), stops chromedriver and deletes the profile directory. */
    @Override
    public void close() {
        try {
            http.delete(session.substring(0, session.length() - 1));
        } catch (WebDriverException ignored) {
            // The browser may already be gone; stopping the driver below cleans up either way.
        } finally {
            driver.close();
            deleteTree(workDir);
        }
    }

    private static Map<String, Object> capabilities(Path workDir, List<String> extraChromeArgs) {
        List<String> args = new ArrayList<>(CHROME_ARGS);
        args.add("--user-data-dir=" + workDir.resolve("profile"));
        args.addAll(extraChromeArgs);
        Map<String, Object> chrome = new LinkedHashMap<>();
        chrome.put("args", args);
        ChromeDriverProcess.onPath("chromium").or(() -> ChromeDriverProcess.onPath("google-chrome"))
                .ifPresent(binary -> chrome.put("binary", binary.toString()));
        Map<String, Object> always = new LinkedHashMap<>();
        always.put("browserName", "chrome");
        always.put("goog:chromeOptions", chrome);
        always.put("goog:loggingPrefs", Map.of("browser", "ALL"));
        return Map.of("capabilities", Map.of("alwaysMatch", always));
    }

    private static Map<String, Object> locator(String css) {
        return Map.of("using", "css selector", "value", css);
    }

    private String elementPath(Element element) {
        return session + "element/" + element.id() + "/";
    }

    private static Element element(Object value) {
        if (value instanceof Map<?, ?> map && map.get(Element.KEY) instanceof String id) {
            return new Element(id);
        }
        throw new WebDriverException("invalid element", "not an element reference: " + value);
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("webdriver-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a browser profile directory", e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a leftover temp profile is harmless.
        }
    }
}
