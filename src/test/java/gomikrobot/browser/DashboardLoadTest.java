package gomikrobot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.observe.Log;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.EventStore;
import gomikrobot.timeline.TimelineEvent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weight and first render of the dashboard over a gateway whose timeline holds 1,000 events. The render time is
 * printed for the release notes, not asserted (it depends on the machine); what is asserted is that all 1,000
 * events are shown, and that the page stays under its weight budget.
 */
class DashboardLoadTest {
    private static final int EVENTS = 1000;
    private static final long WEIGHT_BUDGET = 150 * 1024;
    private static final int RENDER_SAMPLES = 5;

    @TempDir
    static Path dir;
    private static Dashboard dashboard;
    private static WebDriverClient browser;

    @BeforeAll
    static void startWithAThousandEvents() {
        dashboard = Dashboard.start(dir);
        browser = dashboard.browser;
        // The gateway has the file open too; WAL lets a second writer in between its writes.
        try (Database db = Database.open(dashboard.gateway.database(), Log.quiet())) {
            EventStore events = new EventStore(db, Clock.systemUTC());
            Instant start = Instant.now().minusSeconds(EVENTS);
            db.write(c -> {
                for (int i = 0; i < EVENTS; i++) {
                    events.append(event(i, start.plusSeconds(i)));
                }
                return null;
            });
        }
    }

    @AfterAll
    static void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    @Test
    void pageAndEverythingItLoadsWeighUnder150Kilobytes() {
        dashboard.open("");
        assertEquals("ok", dashboard.awaitSettled("#feed-status"));
        @SuppressWarnings("unchecked")
        List<String> files = (List<String>) browser.execute("""
                return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                  .map((e) => new URL(e.name).pathname)
                  .filter((path) => !path.startsWith('/api/') && path !== '/readyz')""");
        long bytes = 0;
        for (String file : files) {
            HttpResponse<byte[]> response = dashboard.gateway.getBytes(file);
            assertEquals(200, response.statusCode(), file);
            bytes += response.body().length;
        }
        System.out.printf("page weight of /timeline: %d bytes (%.1f KB) in %d files%n", bytes, bytes / 1024.0, files.size());
        assertTrue(files.containsAll(List.of("/timeline", "/css/app.css", "/js/app.js")), files.toString());
        assertTrue(bytes < WEIGHT_BUDGET, bytes + " bytes in " + files);
    }

    @Test
    void firstRenderShowsAllThousandEventsWithoutErrors() {
        dashboard.severeLogs();
        dashboard.open("");
        long defaultPage = renderedEvents();
        System.out.printf("first render with %d events (page of %d, cold gateway and browser): %.0f ms%n",
                EVENTS, defaultPage, renderMillis());

        // The per-page choice survives the reload, so the next loads draw all 1,000 events at once.
        browser.execute("const s = document.getElementById('feed-limit'); s.value = '1000'; s.dispatchEvent(new Event('change'))");
        browser.waitUntil("return document.querySelectorAll('[data-testid=feed-item]').length === arguments[0]",
                Dashboard.WAIT, EVENTS);
        List<Double> loads = new ArrayList<>();
        for (int i = 0; i < RENDER_SAMPLES; i++) {
            dashboard.open("");
            assertEquals(EVENTS, renderedEvents());
            loads.add(renderMillis());
        }
        List<Double> sorted = loads.stream().sorted().toList();
        System.out.printf("first render with %d events (all shown): %.0f ms (median of %d page loads; min %.0f, max %.0f; first %.0f)%n",
                EVENTS, sorted.get(sorted.size() / 2), loads.size(), sorted.getFirst(), sorted.getLast(), loads.getFirst());

        String last = browser.text(browser.find("[data-testid=feed-item]:last-child [data-testid=feed-text]"));
        assertEquals("message number 0", last);
        assertEquals(List.of(), dashboard.failedRequests());
        assertEquals(List.of(), dashboard.severeLogs());
    }

    /** Waits for the feed's render mark and returns how many events it drew. */
    private static long renderedEvents() {
        browser.waitUntil("return performance.getEntriesByName('feed-rendered').length > 0", Dashboard.WAIT);
        return (Long) browser.execute("return performance.getEntriesByName('feed-rendered')[0].detail.events");
    }

    /** Milliseconds from navigation start to the first paint of the feed. */
    private static double renderMillis() {
        return ((Number) browser.execute("return performance.getEntriesByName('feed-rendered')[0].startTime")).doubleValue();
    }

    /** Alternately an authorized inbound WhatsApp message and the agent's answer, one second apart. */
    private static TimelineEvent event(int i, Instant at) {
        boolean inbound = i % 2 == 0;
        String trace = "load-trace-" + (i / 2);
        TimelineEvent event = inbound
                ? TimelineEvent.create("WA_IN_LOAD_" + i, trace, "4915100000" + (i % 7), "Sender " + (i % 7),
                        "TEXT", "message number " + i, "WHATSAPP_INBOUND", true)
                : TimelineEvent.create("WA_IN_LOAD_" + i + "_ACK", trace, "AGENT", "Agent", "SYSTEM",
                        "answer number " + i + " with a somewhat longer text, as answers usually are", "WHATSAPP_OUTBOUND", true);
        return event.withTimestamp(at);
    }
}
