package gomikrobot.scheduler;

import gomikrobot.config.GoDuration;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

/**
 * Turns the when of a {@link JobRequest} into a {@link Schedule}, with messages that say how to write it right,
 * and renders times and durations for people. Stateless.
 */
final class Schedules {
    static final Duration MIN_PERIOD = Duration.ofMinutes(1);
    static final Duration MAX_AHEAD = Duration.ofDays(3660);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    private Schedules() {
    }

    /**
     * The schedule a request asks for, its times read in {@code zone}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Schedule parse(JobRequest r, ZoneId zone, Instant now) {
        long given = Stream.of(r.at(), r.in(), r.every(), r.cron()).filter(s -> !s.isEmpty()).count();
        if (given != 1) {
            throw new IllegalArgumentException("say when the job runs with exactly one of at (a time), in (a"
                    + " duration from now), every (a duration) or cron (an expression); got " + given);
        }
        if (!r.cron().isEmpty()) {
            return new Schedule.Cron(CronExpression.parse(r.cron()), zone);
        }
        if (!r.every().isEmpty()) {
            Duration period = duration("every", r.every());
            if (period.compareTo(MIN_PERIOD) < 0) {
                throw new IllegalArgumentException("every must be at least 1m, got " + r.every());
            }
            return new Schedule.Every(period, Schedule.EVERY, zone);
        }
        Instant at = (r.in().isEmpty() ? instant(r.at(), zone, now) : now.plus(duration("in", r.in())))
                .truncatedTo(ChronoUnit.MILLIS); // as precise as the database keeps times
        if (!at.isAfter(now)) {
            throw new IllegalArgumentException("at " + local(at, zone) + " has already passed (it is "
                    + local(now, zone) + " now)");
        }
        return new Schedule.At(at, zone);
    }

    /** The zone a request names, or {@code fallback} when it names none. */
    static ZoneId zone(String text, ZoneId fallback) {
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + text + "': use a name like Europe/Berlin"
                    + " or an offset like +01:00");
        }
    }

    /** "1h30m", "20m", "45s": Go's notation, which {@link GoDuration#parse} reads back. */
    static String duration(Duration d) {
        StringBuilder text = new StringBuilder();
        long hours = d.toHours();
        append(text, hours, "h");
        append(text, d.toMinutesPart(), "m");
        append(text, d.toSecondsPart(), "s");
        append(text, d.toMillisPart(), "ms");
        return text.isEmpty() ? "0s" : text.toString();
    }

    /** "2026-03-01 09:20 Europe/Berlin". */
    static String local(Instant t, ZoneId zone) {
        return LOCAL.format(t.atZone(zone)) + " " + zone.getId();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }

    private static Duration duration(String field, String text) {
        Duration d;
        try {
            d = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a duration: write it like 20m, 2h or"
                    + " 1h30m");
        }
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_AHEAD) > 0) {
            throw new IllegalArgumentException(field + " must be more than 0 and at most 10 years, got " + text);
        }
        return d;
    }

    /** An instant with an offset, a local date and time in {@code zone}, or a time of day (its next occurrence). */
    private static Instant instant(String text, ZoneId zone, Instant now) {
        try {
            return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
        } catch (DateTimeException notWithOffset) {
            // try the forms without an offset
        }
        try {
            return ZonedDateTime.ofLocal(LocalDateTime.parse(text.replace(' ', 'T')), zone, null).toInstant();
        } catch (DateTimeException notLocal) {
            // try a time of day
        }
        try {
            ZonedDateTime today = ZonedDateTime.of(now.atZone(zone).toLocalDate(), LocalTime.parse(text), zone);
            return (today.toInstant().isAfter(now) ? today : today.plusDays(1)).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("at '" + text + "' is not a time: write 2026-03-01T09:00 (in the"
                    + " job's time zone), 2026-03-01T09:00+01:00, or 09:00 for the next 09:00");
        }
    }
}
