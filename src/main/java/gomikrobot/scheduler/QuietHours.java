package gomikrobot.scheduler;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The hours when the heartbeat's answers are held back, {@code HH:MM-HH:MM} in a zone, crossing midnight when the
 * end is earlier than the start ({@code 22:00-07:00}). {@link #heldUntil} says until when an answer written now
 * waits. Immutable; {@link #NONE} holds nothing.
 */
record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
    static final QuietHours NONE = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneId.of("UTC"));

    /** Reads {@code scheduler.quietHours} (checked by the configuration's rule); "" is {@link #NONE}. */
    static QuietHours parse(String text, ZoneId zone) {
        if (text.isBlank()) {
            return NONE;
        }
        String[] parts = text.strip().split("-");
        return new QuietHours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]), zone);
    }

    /** When quiet hours hold {@code now}, the instant they end; empty otherwise. */
    Optional<Instant> heldUntil(Instant now) {
        if (start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        boolean crossesMidnight = end.isBefore(start);
        boolean quiet = crossesMidnight ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
        if (!quiet) {
            return Optional.empty();
        }
        ZonedDateTime endToday = ZonedDateTime.of(local.toLocalDate(), end, zone);
        return Optional.of((t.isBefore(end) ? endToday : endToday.plusDays(1)).toInstant());
    }

    @Override
    public String toString() {
        return start.equals(end) ? "none" : start + "-" + end + " " + zone.getId();
    }
}
