package gomikrobot.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A classic five-field cron expression — minute, hour, day of month, month, day of week — with lists, ranges,
 * steps, month and weekday names and the {@code @hourly}-style shorthands, and its fire times in a time zone.
 *
 * <p>Days follow classic cron: when both day fields are restricted (neither starts with {@code *}), a day matches
 * if either does; otherwise both must. Across daylight-saving changes: a wall-clock time the clocks skip runs as
 * much later as they jumped (02:30 on a spring-forward night runs at 03:30), once; a time the clocks repeat runs
 * once, at its first occurrence, unless the hour field starts with {@code *} (an hourly job keeps running every
 * real hour). Immutable.
 */
public final class CronExpression {
    /** Leap days on a given weekday can be 28 years apart; anything rarer never fires. */
    private static final int SEARCH_YEARS = 29;
    private static final Map<String, String> SHORTHANDS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    private final String text;
    private final CronField minute;
    private final CronField hour;
    private final CronField dayOfMonth;
    private final CronField month;
    private final CronField dayOfWeek;

    private CronExpression(String text, List<CronField> fields) {
        this.text = text;
        this.minute = fields.get(0);
        this.hour = fields.get(1);
        this.dayOfMonth = fields.get(2);
        this.month = fields.get(3);
        this.dayOfWeek = fields.get(4);
    }

    /**
     * Parses an expression; the text is kept with single spaces.
     *
     * @throws IllegalArgumentException saying which field is wrong and why, or that it can never fire
     */
    public static CronExpression parse(String expression) {
        String text = String.join(" ", expression.strip().split("\\s+"));
        String fields = SHORTHANDS.getOrDefault(text.toLowerCase(Locale.ROOT), text);
        String[] parts = fields.split(" ");
        if (parts.length != 5) {
            throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day-of-month month"
                    + " day-of-week), got " + (text.isEmpty() ? 0 : parts.length) + ": '" + text + "'");
        }
        CronExpression cron = new CronExpression(text, List.of(
                CronField.parse("minute", parts[0], 0, 59, List.of()),
                CronField.parse("hour", parts[1], 0, 23, List.of()),
                CronField.parse("day-of-month", parts[2], 1, 31, List.of()),
                CronField.parse("month", parts[3], 1, 12, CronField.MONTHS),
                CronField.parse("day-of-week", parts[4], 0, 7, CronField.DAYS).folding(7, 0)));
        if (cron.nextLocal(LocalDateTime.of(2000, 1, 1, 0, 0)).isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names a day that never comes");
        }
        return cron;
    }

    @Override
    public String toString() {
        return text;
    }

    /** The first fire time strictly after {@code after}, in {@code zone}; empty if there is none. */
    public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        Instant best = null;
        Optional<LocalDateTime> local = nextLocal(scanStart(after, rules));
        while (local.isPresent()) {
            List<Instant> instants = instantsOf(local.get(), rules);
            if (best != null && !instants.getFirst().isBefore(best)) {
                break; // later wall-clock times only give later first occurrences
            }
            for (Instant i : instants) {
                if (i.isAfter(after) && (best == null || i.isBefore(best))) {
                    best = i;
                }
            }
            local = nextLocal(local.get().plusMinutes(1));
        }
        return Optional.ofNullable(best);
    }

    /** The first matching wall-clock minute at or after {@code from}. */
    Optional<LocalDateTime> nextLocal(LocalDateTime from) {
        LocalDateTime t = from.truncatedTo(ChronoUnit.MINUTES);
        if (t.isBefore(from)) {
            t = t.plusMinutes(1);
        }
        LocalDateTime limit = t.plusYears(SEARCH_YEARS);
        while (t.isBefore(limit)) {
            if (!month.has(t.getMonthValue())) {
                t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
            } else if (!dayMatches(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!hour.has(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minute.has(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate d) {
        boolean dom = dayOfMonth.has(d.getDayOfMonth());
        boolean dow = dayOfWeek.has(d.getDayOfWeek().getValue() % 7);
        return dayOfMonth.star() || dayOfWeek.star() ? dom && dow : dom || dow;
    }

    /**
     * The instants a matching wall-clock time stands for, earliest first: one normally; in a gap, the time moved
     * on by the gap; in an overlap, the first occurrence, and the second too for jobs whose hour starts with *.
     */
    private List<Instant> instantsOf(LocalDateTime local, ZoneRules rules) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return List.of(local.plus(gap.getDuration()).toInstant(gap.getOffsetAfter()));
        }
        List<Instant> instants = new ArrayList<>();
        for (ZoneOffset offset : offsets.size() > 1 && !hour.star() ? offsets.subList(0, 1) : offsets) {
            instants.add(local.toInstant(offset));
        }
        instants.sort(null);
        return instants;
    }

    /**
     * Where to start looking: at {@code after}'s wall-clock time, or earlier when a repeated hour is near, since
     * its second pass brings back wall-clock times already passed.
     */
    private static LocalDateTime scanStart(Instant after, ZoneRules rules) {
        LocalDateTime start = LocalDateTime.ofInstant(after, rules.getOffset(after));
        ZoneOffsetTransition near = rules.nextTransition(after.minus(1, ChronoUnit.DAYS));
        if (near == null || !near.isOverlap()) {
            return start;
        }
        Duration repeated = near.getDuration().abs();
        boolean within = !after.isBefore(near.getInstant().minus(repeated))
                && after.isBefore(near.getInstant().plus(repeated));
        return within && near.getDateTimeAfter().isBefore(start) ? near.getDateTimeAfter() : start;
    }
}
