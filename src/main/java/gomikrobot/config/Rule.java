package gomikrobot.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A constraint on a setting's typed value, checked after all layers are merged. {@link #problem} returns the
 * tail of an error message ("must be 1-65535, got 99999") or empty when the value is fine.
 */
sealed interface Rule {

    /** Any value of the right type. */
    record Any() implements Rule {
    }

    /** An integer or decimal within [min, max]. */
    record Range(double min, double max) implements Rule {
    }

    /** A string (compared case-insensitively) from a fixed set. */
    record OneOf(List<String> allowed) implements Rule {
    }

    /** A string with some non-space content. */
    record NonBlank() implements Rule {
    }

    /** An http or https URL, such as a provider's API base. */
    record HttpUrl() implements Rule {
    }

    /** A duration greater than zero. */
    record Positive() implements Rule {
    }

    /** Empty (the feature is off), or a value {@code rule} accepts. */
    record BlankOr(Rule rule) implements Rule {
    }

    /** A map whose every value is an integer within [min, max] (the tiers of {@code tools.tiers}). */
    record ValuesInRange(double min, double max) implements Rule {
    }

    /** A duration of at least {@code min}, or zero when {@code zeroIsOff} (zero turns the feature off). */
    record AtLeast(Duration min, boolean zeroIsOff) implements Rule {
    }

    /** A string matching {@code regex} in full; {@code expectation} says what that means to a person. */
    record Matches(String regex, String expectation) implements Rule {
    }

    /** Printable ASCII without line breaks, 1-100 characters: what an HTTP header value can carry as it is. */
    record HeaderText() implements Rule {
    }

    Rule ANY = new Any();

    static Rule range(double min, double max) {
        return new Range(min, max);
    }

    static Rule valuesInRange(double min, double max) {
        return new ValuesInRange(min, max);
    }

    default Optional<String> problem(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        boolean ok = switch (this) {
            case Any a -> true;
            case Range r -> ((Number) value).doubleValue() >= r.min() && ((Number) value).doubleValue() <= r.max();
            case OneOf o -> o.allowed().contains(value.toString().toLowerCase(Locale.ROOT));
            case NonBlank n -> !value.toString().isBlank();
            case HttpUrl u -> value.toString().matches("(?i)https?://[^\\s/?#]+[^\\s]*");
            case Positive p -> ((Duration) value).compareTo(Duration.ZERO) > 0;
            case BlankOr b -> value.toString().isBlank() || b.rule().problem(value).isEmpty();
            case ValuesInRange r -> ((Map<?, ?>) value).values().stream()
                    .allMatch(n -> ((Number) n).doubleValue() >= r.min() && ((Number) n).doubleValue() <= r.max());
            case AtLeast a -> ((Duration) value).compareTo(a.min()) >= 0 || a.zeroIsOff() && ((Duration) value).isZero();
            case Matches m -> value.toString().matches(m.regex());
            case HeaderText h -> value.toString().matches("[\\x20-\\x7E]{1,100}");
        };
        return ok ? Optional.empty() : Optional.of(expectation() + ", got " + shown(value));
    }

    private String expectation() {
        return switch (this) {
            case Any a -> "be anything";
            case Range r -> "must be " + number(r.min()) + "-" + number(r.max());
            case OneOf o -> "must be one of " + String.join(", ", o.allowed());
            case NonBlank n -> "must not be empty";
            case HttpUrl u -> "must be an http:// or https:// URL";
            case Positive p -> "must be positive";
            case BlankOr b -> b.rule().expectation() + " or empty";
            case ValuesInRange r -> "values must be " + number(r.min()) + "-" + number(r.max());
            case AtLeast a -> (a.zeroIsOff() ? "must be 0 (off) or at least " : "must be at least ")
                    + GoDuration.format(a.min());
            case Matches m -> "must be " + m.expectation();
            case HeaderText h -> "must be 1-100 printable ASCII characters";
        };
    }

    private static String shown(Object value) {
        return switch (value) {
            case String s -> "\"" + s + "\"";
            case Duration d -> GoDuration.format(d);
            case Double d -> number(d);
            default -> value.toString();
        };
    }

    private static String number(double d) {
        // doubles hold every whole number up to 2^53 exactly (Telegram ids need that many digits)
        return d == Math.rint(d) && Math.abs(d) <= 0x1p53 ? Long.toString((long) d) : Double.toString(d);
    }
}
