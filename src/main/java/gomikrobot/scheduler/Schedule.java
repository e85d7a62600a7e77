package gomikrobot.scheduler;

import gomikrobot.config.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a job runs: once {@link At} an instant, {@link Every} so long (counted from its first slot, not by the
 * wall clock), or on a {@link Cron} expression in a time zone. A job's runs fall on slots; {@link #next} gives the
 * slot after a given time, so the scheduler can move a job past runs it missed without running them. Stored as
 * {@link #kind()} and {@link #spec()} beside the job's zone.
 */
public sealed interface Schedule permits Schedule.At, Schedule.Every, Schedule.Cron {
    String AT = "at";
    String EVERY = "every";
    String CRON = "cron";
    /** The heartbeat: an {@link Every} whose prompt comes from {@code HEARTBEAT.md}. */
    String HEARTBEAT = "heartbeat";

    String kind();

    String spec();

    ZoneId zone();

    /**
     * The first slot strictly after {@code after} of the series that {@code slot} belongs to; empty when the
     * schedule has no more.
     */
    Optional<Instant> next(Instant slot, Instant after);

    /** For people: "at 2026-03-01 09:20 (Europe/Berlin)", "every 1h30m", "cron 0 9 * * 1-5 (Europe/Berlin)". */
    String describe();

    /** Reads a stored schedule; throws {@link IllegalArgumentException} for one this version cannot read. */
    static Schedule of(String kind, String spec, ZoneId zone) {
        return switch (kind) {
            case AT -> new At(Instant.parse(spec), zone);
            case EVERY, HEARTBEAT -> new Every(GoDuration.parse(spec), kind, zone);
            case CRON -> new Cron(CronExpression.parse(spec), zone);
            default -> throw new IllegalArgumentException("unknown schedule kind '" + kind + "'");
        };
    }

    /** Once, at {@code at}. */
    record At(Instant at, ZoneId zone) implements Schedule {
        @Override
        public String kind() {
            return AT;
        }

        @Override
        public String spec() {
            return at.toString();
        }

        @Override
        public Optional<Instant> next(Instant slot, Instant after) {
            return at.isAfter(after) ? Optional.of(at) : Optional.empty();
        }

        @Override
        public String describe() {
            return "at " + Schedules.local(at, zone);
        }
    }

    /** Every {@code period}, on the slots {@code first + k * period}. */
    record Every(Duration period, String kind, ZoneId zone) implements Schedule {
        public Every {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("the period must be positive");
            }
        }

        @Override
        public String spec() {
            return Schedules.duration(period);
        }

        @Override
        public Optional<Instant> next(Instant slot, Instant after) {
            if (slot.isAfter(after)) {
                return Optional.of(slot);
            }
            long periods = Duration.between(slot, after).dividedBy(period) + 1;
            return Optional.of(slot.plus(period.multipliedBy(periods)));
        }

        @Override
        public String describe() {
            return "every " + spec();
        }
    }

    /** On the times of a cron expression, read in {@code zone}. */
    record Cron(CronExpression expression, ZoneId zone) implements Schedule {
        @Override
        public String kind() {
            return CRON;
        }

        @Override
        public String spec() {
            return expression.toString();
        }

        @Override
        public Optional<Instant> next(Instant slot, Instant after) {
            return expression.nextAfter(after, zone);
        }

        @Override
        public String describe() {
            return "cron " + expression + " (" + zone.getId() + ")";
        }
    }
}
