package gomikrobot.provider;

import gomikrobot.config.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads how long a server asks us to wait before trying again. Anything unreadable means "no advice", never a
 * failure: the caller then backs off on its own.
 */
final class RetryAfter {
    private static final List<String> LIMITS = List.of("requests", "tokens");

    private RetryAfter() {
    }

    /**
     * The wait an answer's headers ask for, by name (case-insensitive): {@code retry-after-ms} (OpenAI's,
     * milliseconds), else {@code Retry-After}, else the reset time of the rate limit that ran out
     * ({@code x-ratelimit-reset-requests} / {@code -tokens}, Go durations such as {@code 6m0s}; the one whose
     * {@code x-ratelimit-remaining-*} is 0, or the later of the two when neither says).
     */
    static Optional<Duration> advice(Function<String, Optional<String>> header, Instant now) {
        Optional<Duration> millis = header.apply("retry-after-ms").flatMap(RetryAfter::millis);
        if (millis.isPresent()) {
            return millis;
        }
        Optional<Duration> retryAfter = header.apply("retry-after").flatMap(value -> parse(value, now));
        return retryAfter.isPresent() ? retryAfter : rateLimitReset(header);
    }

    /** An HTTP {@code Retry-After} value: delta-seconds or an HTTP-date. */
    static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException tooLong) {
                return Optional.of(RetryPolicy.MAX_RETRY_AFTER);
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> millis(String value) {
        try {
            double ms = Double.parseDouble(value.strip());
            if (Double.isNaN(ms) || ms < 0) {
                return Optional.empty();
            }
            return Optional.of(ms > RetryPolicy.MAX_RETRY_AFTER.toMillis() ? RetryPolicy.MAX_RETRY_AFTER
                    : Duration.ofNanos((long) (ms * 1_000_000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> rateLimitReset(Function<String, Optional<String>> header) {
        List<String> spent = LIMITS.stream()
                .filter(limit -> header.apply("x-ratelimit-remaining-" + limit).map(String::strip).filter("0"::equals)
                        .isPresent())
                .toList();
        return (spent.isEmpty() ? LIMITS : spent).stream()
                .flatMap(limit -> header.apply("x-ratelimit-reset-" + limit).flatMap(RetryAfter::goDuration).stream())
                .max(Duration::compareTo);
    }

    private static Optional<Duration> goDuration(String value) {
        try {
            Duration wait = GoDuration.parse(value);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }
}
