package gomikrobot.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void weekdayMorningsAcrossAWeekend() {
        List<String> fires = fires("0 9 * * 1-5", "2026-03-05T12:00:00Z", ZoneOffset.UTC, 3); // a Thursday
        assertEquals(List.of("2026-03-06T09:00:00Z", "2026-03-09T09:00:00Z", "2026-03-10T09:00:00Z"), fires);
    }

    @Test
    void listsRangesStepsAndNamesAllWork() {
        assertEquals(List.of("2026-01-01T00:00:00Z", "2026-01-01T00:15:00Z", "2026-01-01T00:40:00Z"),
                fires("0-15/15,40 * * * *", "2025-12-31T23:59:00Z", ZoneOffset.UTC, 3));
        assertEquals(List.of("2026-01-02T08:30:00Z", "2026-01-05T08:30:00Z"),
                fires("30 8 * jan-MAR mon,Fri", "2026-01-01T00:00:00Z", ZoneOffset.UTC, 2));
        assertEquals(List.of("2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"),
                fires("0 0 * * 7", "2026-01-01T00:00:00Z", ZoneOffset.UTC, 2)); // 7 is Sunday too
        assertEquals(List.of("2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z"),
                fires("@hourly", "2025-12-31T23:30:00Z", ZoneOffset.UTC, 2));
        assertEquals(List.of("2026-01-01T20:00:00Z", "2026-01-01T22:00:00Z"),
                fires("0 20/2 * * *", "2026-01-01T19:00:00Z", ZoneOffset.UTC, 2)); // 20 to 23 every 2
    }

    @Test
    void bothDayFieldsRestrictedMeansEitherMatches() {
        // the 13th, or any Friday: Fri 2 Jan, Fri 9 Jan, Tue 13 Jan, Fri 16 Jan
        assertEquals(List.of("2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z", "2026-01-13T00:00:00Z",
                "2026-01-16T00:00:00Z"), fires("0 0 13 * 5", "2026-01-01T00:00:00Z", ZoneOffset.UTC, 4));
        // a day-of-month starting with * restricts together with the weekday: odd days that are Fridays
        assertEquals(List.of("2026-01-09T00:00:00Z", "2026-01-23T00:00:00Z"),
                fires("0 0 */2 * 5", "2026-01-01T00:00:00Z", ZoneOffset.UTC, 2));
    }

    @Test
    void aLeapDayIsFoundYearsAhead() {
        assertEquals(List.of("2028-02-29T12:00:00Z", "2032-02-29T12:00:00Z"),
                fires("0 12 29 2 *", "2026-01-01T00:00:00Z", ZoneOffset.UTC, 2));
    }

    @Test
    void aTimeTheSpringForwardSkipsRunsAnHourLaterOnce() {
        // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST; 02:30 does not exist that night
        assertEquals(List.of("2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"),
                fires("30 2 * * *", "2026-03-27T12:00:00Z", BERLIN, 3));
        // a 09:00 job stays at 09:00 local: 08:00Z in winter, 07:00Z in summer
        assertEquals(List.of("2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z"),
                fires("0 9 * * *", "2026-03-27T12:00:00Z", BERLIN, 2));
        // an hourly job: 01:00 CET, then 03:00 CEST (the clocks skipped 02:00)
        assertEquals(List.of("2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"),
                fires("0 * * * *", "2026-03-28T23:30:00Z", BERLIN, 3));
    }

    @Test
    void aTimeTheFallBackRepeatsRunsOnceUnlessTheJobIsHourly() {
        // Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens twice that night
        assertEquals(List.of("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"),
                fires("30 2 * * *", "2026-10-24T12:00:00Z", BERLIN, 2));
        // hourly: 02:00 CEST, 02:00 CET, 03:00 CET: every real hour
        assertEquals(List.of("2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z"),
                fires("0 * * * *", "2026-10-24T23:30:00Z", BERLIN, 3));
        // asked from inside the second pass, the hourly job's next run is still one real hour on
        assertEquals(List.of("2026-10-25T01:30:00Z", "2026-10-25T02:30:00Z"),
                fires("30 * * * *", "2026-10-25T01:15:00Z", BERLIN, 2));
    }

    @Test
    void badExpressionsAreRefusedSayingWhy() {
        assertMessage("a cron expression has 5 fields", "* * * *");
        assertMessage("minute value 60 is outside 0-59", "60 * * * *");
        assertMessage("hour '5-2': the range runs backwards", "0 5-2 * * *");
        assertMessage("the step must be at least 1", "*/0 * * * *");
        assertMessage("month value 'FOO' is not a number or a name", "0 0 1 FOO *");
        assertMessage("month value 13 is outside 1-12", "0 0 1 13 *");
        assertMessage("day-of-week value 'x' is not a number or a name", "0 0 * * x");
        assertMessage("names a day that never comes", "0 0 30 2 *");
        assertMessage("minute '1,,2' has an empty list item", "1,,2 * * * *");
    }

    private static void assertMessage(String expected, String expression) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CronExpression.parse(expression));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static List<String> fires(String expression, String from, ZoneId zone, int count) {
        CronExpression cron = CronExpression.parse(expression);
        List<String> out = new ArrayList<>();
        Instant t = Instant.parse(from);
        for (int i = 0; i < count; i++) {
            Optional<Instant> next = cron.nextAfter(t, zone);
            t = next.orElseThrow();
            out.add(t.toString());
        }
        return out;
    }
}
