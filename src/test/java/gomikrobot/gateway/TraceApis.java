package gomikrobot.gateway;

import gomikrobot.timeline.GroupTraceStore;
import gomikrobot.timeline.Timeline;
import java.time.ZoneId;

/** The trace API over a test's timeline, as the gateway builds it (no group: its trace table stays empty). */
final class TraceApis {
    private TraceApis() {
    }

    static TraceApi over(Timeline timeline, ZoneId zone) {
        return new TraceApi(timeline.events(), timeline.tasks(), timeline.policy(), new GroupTraceStore(timeline.db()),
                timeline.approvals(), zone);
    }
}
