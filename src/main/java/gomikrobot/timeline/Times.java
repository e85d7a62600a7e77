package gomikrobot.timeline;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place for time text in {@code timeline.db}: what we write, everything the Go program wrote that we
 * must read, and the RFC 3339 form used in JSON.
 *
 * <p>We write {@code YYYY-MM-DD HH:MM:SS.fffZ} in UTC, always with exactly three fraction digits. Why this form:
 * <ul>
 * <li>It sorts correctly as text against SQLite's own {@code CURRENT_TIMESTAMP} / {@code datetime('now')}
 * ({@code YYYY-MM-DD HH:MM:SS}, UTC), which share the same columns and which the original compares with
 * {@code <=}: same prefix, same separator, and the fixed-width fraction only ever makes ours sort after the
 * whole second it belongs to. A {@code T} separator would break this, as would a variable-width fraction
 * ({@code "45Z" > "45.5"}).</li>
 * <li>The Go driver reads it ({@code YYYY-MM-DD HH:MM:SS[.f]} with a trailing {@code Z} ignored, zoneless = UTC),
 * and so do SQLite's date functions.</li>
 * <li>It is RFC 3339 (which allows a space for the {@code T}) and says UTC explicitly, unlike the Go program's
 * local-zone rendering, whose text order depends on the host's offset.</li>
 * </ul>
 */
public final class Times {
    /** Go's zero {@code time.Time}, which is what the original prints for a missing time. */
    public static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SQL_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);

    // date, then optionally [ T]HH:MM[:SS[.fraction]], then optionally an offset (Z, ±hh:mm, ±hhmm) and, as Go's
    // default rendering adds, a zone abbreviation ("CET", "+03"), which carries no information beyond the offset.
    private static final Pattern ANY = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})"
                    + "(?:[ T](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
                    + "\\s*(Z|[+-]\\d{2}:?\\d{2})?"
                    + "(?:\\s+[A-Za-z0-9+\\-_/]+)?");

    private Times() {
    }

    /** The form we store: {@code 2026-02-14 09:23:45.123Z}. */
    public static String format(Instant t) {
        return STORED.format(t);
    }

    /** The UTC calendar date of {@code t} as SQLite's {@code date('now')} writes it, e.g. {@code 2026-02-14}. */
    public static String sqlDate(Instant t) {
        return SQL_DATE.format(t);
    }

    /** JSON form: RFC 3339 in UTC with {@code Z}, e.g. {@code 2026-02-14T09:23:45.123Z}. */
    public static String rfc3339(Instant t) {
        return t.toString();
    }

    /**
     * Parses every time text found in the database: ours, SQLite's, Go's default rendering (with its
     * {@code m=+…} monotonic suffix), RFC 3339, with or without {@code T}, offset or seconds; a date alone is
     * midnight. Zoneless values are UTC, as the Go driver reads them.
     *
     * @throws IllegalArgumentException when the text is none of these
     */
    public static Instant parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no time text");
        }
        String s = stripMonotonic(text.strip());
        Matcher m = ANY.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("unrecognised time: " + text);
        }
        try {
            LocalDate date = LocalDate.of(num(m, 1), num(m, 2), num(m, 3));
            LocalDateTime local = m.group(4) == null
                    ? date.atStartOfDay()
                    : date.atTime(num(m, 4), num(m, 5), m.group(6) == null ? 0 : num(m, 6), nanos(m.group(7)));
            return local.toInstant(offset(m.group(8)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("invalid time: " + text, e);
        }
    }

    /**
     * Like {@link #parse} but never fails: NULL or unreadable text becomes {@link #ZERO}, so one damaged row
     * (the Go program never writes one) does not make a whole listing fail.
     */
    public static Instant parseOrZero(String text) {
        if (text == null || text.isBlank()) {
            return ZERO;
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return ZERO; // deliberate: see the Javadoc; the raw text stays in the database untouched
        }
    }

    /** {@link #parse}, with NULL or blank giving null: for nullable columns such as {@code completed_at}. */
    public static Instant parseNullable(String text) {
        return text == null || text.isBlank() ? null : parseOrZero(text);
    }

    private static String stripMonotonic(String s) {
        int m = s.indexOf(" m=");
        return m < 0 ? s : s.substring(0, m).stripTrailing();
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        return Integer.parseInt((fraction + "000000000").substring(0, 9));
    }

    private static ZoneOffset offset(String text) {
        if (text == null || text.equals("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = text.replace(":", "");
        int hours = Integer.parseInt(digits.substring(1, 3));
        int minutes = Integer.parseInt(digits.substring(3, 5));
        int sign = digits.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }
}
