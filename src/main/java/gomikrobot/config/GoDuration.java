package gomikrobot.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in Go's {@code time.ParseDuration} syntax ({@code "60s"}, {@code "2m"}, {@code "1500ms"},
 * {@code "1h30m"}, {@code "1.5s"}), because the original program and its users write them that way. A bare
 * number is rejected unless it is {@code 0}: in a string, "60" is more likely meant as seconds than as the
 * nanoseconds Go would need, so we ask for a unit instead of guessing.
 */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /** Parses Go duration syntax; throws {@link IllegalArgumentException} with a short reason otherwise. */
    public static Duration parse(String text) {
        String s = text.strip();
        boolean negative = s.startsWith("-");
        String body = negative || s.startsWith("+") ? s.substring(1) : s;
        if (body.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(body);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (end < body.length() && m.find(end) && m.start() == end) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(UNIT_NANOS.get(m.group(2)))));
            end = m.end();
        }
        if (body.isEmpty() || end != body.length()) {
            throw new IllegalArgumentException("not a duration (like 60s, 2m, 1500ms): \"" + text + "\"");
        }
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("duration too long: \"" + text + "\"");
        }
        long whole = nanos.longValue();
        return Duration.ofNanos(negative ? -whole : whole);
    }

    /** The shortest exact Go-style rendering in s, ms or ns, for messages. */
    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        return nanos % 1_000_000L == 0 ? nanos / 1_000_000L + "ms" : nanos + "ns";
    }
}
