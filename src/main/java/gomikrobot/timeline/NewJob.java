package gomikrobot.timeline;

import java.time.Instant;
import java.util.Objects;

/** What {@link JobStore#insert} stores: a checked job, enabled, with its first slot (null for none). */
public record NewJob(String name, String prompt, ScheduledJob.Owner owner, String kind, String spec, String timeZone,
                     Instant nextRunAt) {
    public NewJob {
        if (name == null || name.isBlank() || kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("a job needs a name and a schedule kind");
        }
        prompt = Rows.orEmpty(prompt);
        Objects.requireNonNull(owner, "owner");
        spec = Rows.orEmpty(spec);
        timeZone = Rows.orEmpty(timeZone);
    }
}
