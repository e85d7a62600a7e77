package gomikrobot.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private final Metrics metrics = new Metrics();

    @Test
    void rendersCountersGaugesAndHistogramsInPrometheusTextFormat() {
        metrics.counter("jobs_total", "Jobs done.", "kind").inc("a");
        metrics.counter("jobs_total", "Jobs done.", "kind").add(2, "b");
        metrics.gauge("queue_depth", "Messages waiting.").set(7);
        metrics.gauge("uptime_seconds", "Seconds since start.", () -> 42);
        Metrics.Histogram latency = metrics.histogram("latency_seconds", "Call latency.", new double[] {0.1, 1});
        latency.observe(0.05);
        latency.observe(0.5);
        latency.observe(3);
        assertEquals("""
                # HELP jobs_total Jobs done.
                # TYPE jobs_total counter
                jobs_total{kind="a"} 1
                jobs_total{kind="b"} 2
                # HELP latency_seconds Call latency.
                # TYPE latency_seconds histogram
                latency_seconds_bucket{le="0.1"} 1
                latency_seconds_bucket{le="1"} 2
                latency_seconds_bucket{le="+Inf"} 3
                latency_seconds_sum 3.55
                latency_seconds_count 3
                # HELP queue_depth Messages waiting.
                # TYPE queue_depth gauge
                queue_depth 7
                # HELP uptime_seconds Seconds since start.
                # TYPE uptime_seconds gauge
                uptime_seconds 42
                """, metrics.renderPrometheus());
    }

    @Test
    void escapesLabelValuesAndHelpText() {
        metrics.counter("odd_total", "Line one\nback\\slash", "path").inc("a\"b\\c\nd");
        assertEquals("""
                # HELP odd_total Line one\\nback\\\\slash
                # TYPE odd_total counter
                odd_total{path="a\\"b\\\\c\\nd"} 1
                """, metrics.renderPrometheus());
    }

    @Test
    void registeringTheSameNameTwiceReturnsTheSameFamilyButAKindClashFails() {
        assertSame(metrics.counter("x_total", "X."), metrics.counter("x_total", "X."));
        assertThrows(IllegalArgumentException.class, () -> metrics.gauge("x_total", "X."));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("x_total", "X.", "label"));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("bad-name", "X."));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("y_total", "Y.", "le"));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("x_total", "X.").add(-1));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("z_total", "Z.", "a").inc());
    }

    @Test
    void countsCorrectlyUnderConcurrentUpdates() throws Exception {
        Metrics.Counter counter = metrics.counter("hits_total", "Hits.", "route");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    counter.inc(i % 2 == 0 ? "/a" : "/b");
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(40_000, counter.value("/a"));
        assertEquals(40_000, counter.value("/b"));
    }

    @Test
    void gaugeGoesUpAndDown() {
        Metrics.Gauge gauge = metrics.gauge("in_flight", "Requests in flight.", "server");
        gauge.add(3, "api");
        gauge.add(-1, "api");
        assertEquals(2, gauge.value("api"));
    }
}
