package gomikrobot.observe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * A registry of counters, gauges and histograms, rendered in the Prometheus text format 0.0.4. One instance is
 * created by the composition root and injected; nothing here is static or global. Metric families are
 * registered once by name (registering the same name and kind again returns the same family, so callers need
 * not coordinate); every update is lock-free ({@link LongAdder}, {@link AtomicLong}).
 */
public final class Metrics {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Seconds; fits HTTP handlers and LLM calls alike. */
    public static final double[] DEFAULT_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final Map<String, Family<?>> families = new ConcurrentSkipListMap<>();

    /** A monotonically increasing count, e.g. {@code gomikrobot_http_requests_total}. */
    public Counter counter(String name, String help, String... labelNames) {
        return register(name, help, "counter", labelNames, Counter.class, () -> new Counter(name, help, labelNames));
    }

    /** A value that goes up and down, set by the caller. */
    public Gauge gauge(String name, String help, String... labelNames) {
        return register(name, help, "gauge", labelNames, Gauge.class, () -> new Gauge(name, help, labelNames));
    }

    /** A gauge read at render time, e.g. a queue's current depth. Re-registering replaces nothing. */
    public void gauge(String name, String help, LongSupplier reader) {
        register(name, help, "gauge", new String[0], SampledGauge.class, () -> new SampledGauge(name, help, reader));
    }

    /** Observations counted into cumulative buckets (upper bounds, ascending), plus their sum and count. */
    public Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        return register(name, help, "histogram", labelNames, Histogram.class,
                () -> new Histogram(name, help, buckets, labelNames));
    }

    /** Every family in name order, each with its HELP and TYPE lines, series in label order. */
    public String renderPrometheus() {
        StringBuilder out = new StringBuilder(1024);
        for (Family<?> family : families.values()) {
            out.append("# HELP ").append(family.name).append(' ').append(escapeHelp(family.help)).append('\n');
            out.append("# TYPE ").append(family.name).append(' ').append(family.type).append('\n');
            family.render(out);
        }
        return out.toString();
    }

    private <F extends Family<?>> F register(String name, String help, String type, String[] labelNames,
                                             Class<F> kind, java.util.function.Supplier<F> create) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name: " + name);
        }
        for (String label : labelNames) {
            if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__") || label.equals("le")) {
                throw new IllegalArgumentException("invalid label name for " + name + ": " + label);
            }
        }
        Family<?> family = families.computeIfAbsent(name, n -> create.get());
        if (!kind.isInstance(family) || !family.type.equals(type)
                || !Arrays.equals(family.labelNames, labelNames)) {
            throw new IllegalArgumentException("metric " + name + " is already registered as a " + family.type
                    + " with labels " + Arrays.toString(family.labelNames));
        }
        return kind.cast(family);
    }

    static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String escapeLabelValue(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** One metric name with its series, keyed by the label values. */
    public abstract static sealed class Family<S> permits Counter, Gauge, SampledGauge, Histogram {
        final String name;
        final String help;
        final String type;
        final String[] labelNames;
        private final Map<List<String>, S> series = new ConcurrentHashMap<>();

        Family(String name, String help, String type, String[] labelNames) {
            this.name = name;
            this.help = help;
            this.type = type;
            this.labelNames = labelNames.clone();
        }

        abstract S newSeries();

        abstract void renderSeries(StringBuilder out, String labels, S series);

        final S series(String... labelValues) {
            if (labelValues.length != labelNames.length) {
                throw new IllegalArgumentException(name + " needs " + labelNames.length + " label values, got "
                        + labelValues.length);
            }
            return series.computeIfAbsent(List.of(labelValues), k -> newSeries());
        }

        void render(StringBuilder out) {
            for (Map.Entry<List<String>, S> e : sortedSeries()) {
                renderSeries(out, labels(e.getKey(), null), e.getValue());
            }
        }

        /** Sorted so that successive scrapes list series in the same order. */
        final List<Map.Entry<List<String>, S>> sortedSeries() {
            List<Map.Entry<List<String>, S>> entries = new ArrayList<>(series.entrySet());
            entries.sort((a, b) -> String.join("\u0000", a.getKey()).compareTo(String.join("\u0000", b.getKey())));
            return entries;
        }

        /** {@code {a="x",b="y"}}, with an extra {@code le} for histogram buckets; "" when there are no labels. */
        final String labels(List<String> values, String le) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < labelNames.length; i++) {
                sb.append(sb.isEmpty() ? "{" : ",").append(labelNames[i]).append("=\"")
                        .append(escapeLabelValue(values.get(i))).append('"');
            }
            if (le != null) {
                sb.append(sb.isEmpty() ? "{" : ",").append("le=\"").append(le).append('"');
            }
            return sb.isEmpty() ? "" : sb.append('}').toString();
        }
    }

    public static final class Counter extends Family<LongAdder> {
        Counter(String name, String help, String[] labelNames) {
            super(name, help, "counter", labelNames);
        }

        public void inc(String... labelValues) {
            series(labelValues).increment();
        }

        public void add(long amount, String... labelValues) {
            if (amount < 0) {
                throw new IllegalArgumentException("a counter cannot decrease: " + name);
            }
            series(labelValues).add(amount);
        }

        public long value(String... labelValues) {
            return series(labelValues).sum();
        }

        @Override
        LongAdder newSeries() {
            return new LongAdder();
        }

        @Override
        void renderSeries(StringBuilder out, String labels, LongAdder s) {
            out.append(name).append(labels).append(' ').append(s.sum()).append('\n');
        }
    }

    public static final class Gauge extends Family<AtomicLong> {
        Gauge(String name, String help, String[] labelNames) {
            super(name, help, "gauge", labelNames);
        }

        public void set(long value, String... labelValues) {
            series(labelValues).set(value);
        }

        public void add(long delta, String... labelValues) {
            series(labelValues).addAndGet(delta);
        }

        public long value(String... labelValues) {
            return series(labelValues).get();
        }

        @Override
        AtomicLong newSeries() {
            return new AtomicLong();
        }

        @Override
        void renderSeries(StringBuilder out, String labels, AtomicLong s) {
            out.append(name).append(labels).append(' ').append(s.get()).append('\n');
        }
    }

    static final class SampledGauge extends Family<Object> {
        private final LongSupplier reader;

        SampledGauge(String name, String help, LongSupplier reader) {
            super(name, help, "gauge", new String[0]);
            this.reader = reader;
        }

        @Override
        Object newSeries() {
            throw new UnsupportedOperationException("a sampled gauge has no series of its own");
        }

        @Override
        void render(StringBuilder out) {
            out.append(name).append(' ').append(reader.getAsLong()).append('\n');
        }

        @Override
        void renderSeries(StringBuilder out, String labels, Object s) {
            render(out);
        }
    }

    public static final class Histogram extends Family<Histogram.Series> {
        private final double[] bounds;

        Histogram(String name, String help, double[] bounds, String[] labelNames) {
            super(name, help, "histogram", labelNames);
            for (int i = 1; i < bounds.length; i++) {
                if (!(bounds[i] > bounds[i - 1])) {
                    throw new IllegalArgumentException("histogram buckets must ascend: " + name);
                }
            }
            this.bounds = bounds.clone();
        }

        public void observe(double value, String... labelValues) {
            Series s = series(labelValues);
            int i = 0;
            while (i < bounds.length && value > bounds[i]) {
                i++;
            }
            s.buckets[i].increment(); // per-bucket counts; made cumulative when rendered
            s.sum.add(value);
        }

        public long count(String... labelValues) {
            return Arrays.stream(series(labelValues).buckets).mapToLong(LongAdder::sum).sum();
        }

        @Override
        Series newSeries() {
            return new Series(bounds.length + 1);
        }

        @Override
        void render(StringBuilder out) {
            for (Map.Entry<List<String>, Series> e : sortedSeries()) {
                long cumulative = 0;
                for (int i = 0; i <= bounds.length; i++) {
                    cumulative += e.getValue().buckets[i].sum();
                    String le = i < bounds.length ? formatValue(bounds[i]) : "+Inf";
                    out.append(name).append("_bucket").append(labels(e.getKey(), le)).append(' ')
                            .append(cumulative).append('\n');
                }
                String labels = labels(e.getKey(), null);
                out.append(name).append("_sum").append(labels).append(' ')
                        .append(formatValue(e.getValue().sum.sum())).append('\n');
                out.append(name).append("_count").append(labels).append(' ').append(cumulative).append('\n');
            }
        }

        @Override
        void renderSeries(StringBuilder out, String labels, Series s) {
            throw new UnsupportedOperationException("histograms render all their lines in render()");
        }

        static final class Series {
            final LongAdder[] buckets;
            final DoubleAdder sum = new DoubleAdder();

            Series(int size) {
                buckets = new LongAdder[size];
                Arrays.setAll(buckets, i -> new LongAdder());
            }
        }
    }
}
