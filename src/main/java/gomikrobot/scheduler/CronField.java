package gomikrobot.scheduler;

import java.util.List;
import java.util.Locale;

/**
 * One of the five fields of a cron expression, parsed into the set of values it allows. A field is a
 * comma-separated list of {@code *}, {@code N}, {@code A-B}, each optionally followed by {@code /STEP}
 * ({@code N/STEP} runs from N to the field's maximum); months and weekdays may be named ({@code JAN},
 * {@code mon}). {@code star} records whether the field starts with {@code *}, which is what the day-of-month /
 * day-of-week rule of classic cron looks at. Immutable.
 */
record CronField(String name, long allowed, boolean star) {
    static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
            "NOV", "DEC");
    static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    /**
     * Parses {@code text} for a field of values {@code min..max}; {@code names} name the values from {@code min}
     * on (empty for numeric fields).
     *
     * @throws IllegalArgumentException naming the field and what is wrong
     */
    static CronField parse(String name, String text, int min, int max, List<String> names) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        long allowed = 0;
        for (String part : text.split(",", -1)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException(name + " '" + text + "' has an empty list item");
            }
            allowed |= part(name, part, min, max, names);
        }
        return new CronField(name, allowed, text.startsWith("*"));
    }

    boolean has(int value) {
        return value >= 0 && value < Long.SIZE && (allowed & (1L << value)) != 0;
    }

    /** The same field with value {@code from} also allowing {@code to} (day of week 7 is Sunday, 0). */
    CronField folding(int from, int to) {
        return has(from) ? new CronField(name, (allowed | 1L << to) & ~(1L << from), star) : this;
    }

    private static long part(String name, String part, int min, int max, List<String> names) {
        String range = part;
        int step = 1;
        int slash = part.indexOf('/');
        if (slash >= 0) {
            range = part.substring(0, slash);
            step = number(name, part.substring(slash + 1), "step");
            if (step < 1) {
                throw new IllegalArgumentException(name + " '" + part + "': the step must be at least 1");
            }
        }
        int from;
        int to;
        if (range.equals("*")) {
            from = min;
            to = max;
        } else {
            int dash = range.indexOf('-');
            from = value(name, dash < 0 ? range : range.substring(0, dash), min, max, names);
            to = dash < 0 ? (slash >= 0 ? max : from) : value(name, range.substring(dash + 1), min, max, names);
        }
        if (from > to) {
            throw new IllegalArgumentException(name + " '" + part + "': the range runs backwards");
        }
        long bits = 0;
        for (int v = from; v <= to; v += step) {
            bits |= 1L << v;
        }
        return bits;
    }

    private static int value(String name, String text, int min, int max, List<String> names) {
        int index = names.indexOf(text.toUpperCase(Locale.ROOT));
        int v = index >= 0 ? min + index : number(name, text, "value");
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " value " + text + " is outside " + min + "-" + max);
        }
        return v;
    }

    private static int number(String name, String text, String what) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(name + " " + what + " '" + text + "' is not a number"
                    + (what.equals("value") ? " or a name" : ""));
        }
        return Integer.parseInt(text);
    }
}
