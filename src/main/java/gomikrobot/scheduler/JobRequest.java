package gomikrobot.scheduler;

import java.util.Objects;

/**
 * A job someone asks for, as the {@code cron} tool, the API or the command line received it: text not yet
 * checked ({@link Jobs#add} does that). When it runs is exactly one of {@code at} (a time), {@code in} (a duration
 * from now: "remind me in 20 minutes"), {@code every} (a duration) or {@code cron} (an expression); times without
 * an offset and cron expressions are read in {@code timeZone}, or the system's zone when it is empty. An empty
 * name gets one made up.
 */
public record JobRequest(String name, String prompt, String at, String in, String every, String cron,
                         String timeZone) {
    public JobRequest {
        name = clean(name);
        prompt = clean(prompt);
        at = clean(at);
        in = clean(in);
        every = clean(every);
        cron = clean(cron);
        timeZone = clean(timeZone);
    }

    private static String clean(String s) {
        return Objects.requireNonNullElse(s, "").strip();
    }
}
