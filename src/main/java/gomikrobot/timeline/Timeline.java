package gomikrobot.timeline;

import gomikrobot.observe.Ids;
import java.time.Clock;

/** The stores over one open {@link Database}, built once and handed to whoever records or reads. */
public record Timeline(Database db, EventStore events, TaskStore tasks, SettingsStore settings, WebUserStore webUsers,
                       PolicyLog policy, UsageStore usage, ApprovalStore approvals) {

    public static Timeline open(Database db, Clock clock, Ids ids) {
        return new Timeline(db, new EventStore(db, clock), new TaskStore(db, clock, ids), new SettingsStore(db),
                new WebUserStore(db), new PolicyLog(db), new UsageStore(db, clock),
                new ApprovalStore(db, clock));
    }
}
