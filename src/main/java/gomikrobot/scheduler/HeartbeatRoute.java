package gomikrobot.scheduler;

import gomikrobot.delivery.Outcome;
import gomikrobot.delivery.Route;
import gomikrobot.timeline.Task;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * A channel's delivery with the heartbeat's rules in front: a heartbeat answer of just {@code HEARTBEAT_OK}
 * ("nothing to report") and a failed heartbeat turn (shown on the dashboard) are not sent, and during quiet hours
 * the heartbeat's answers wait, still {@code pending}, until the quiet hours end. Every other reply goes straight
 * to the channel's own route.
 */
public final class HeartbeatRoute implements Route {
    private final Route channel;
    private final QuietHours quiet;
    private final Clock clock;

    HeartbeatRoute(Route channel, QuietHours quiet, Clock clock) {
        this.channel = channel;
        this.quiet = quiet;
        this.clock = clock;
    }

    /**
     * Every route of {@code routes} behind the heartbeat's rules.
     *
     * @param quietHours {@code scheduler.quietHours}, read in {@code zone}
     */
    public static Map<String, Route> around(Map<String, Route> routes, String quietHours, ZoneId zone, Clock clock) {
        QuietHours quiet = QuietHours.parse(quietHours, zone);
        Map<String, Route> wrapped = new HashMap<>();
        routes.forEach((name, route) -> wrapped.put(name, new HeartbeatRoute(route, quiet, clock)));
        return wrapped;
    }

    @Override
    public Outcome deliver(Task task, boolean silent) {
        if (!task.idempotencyKey().startsWith(JobRunner.HEARTBEAT_KEY)) {
            return channel.deliver(task, silent);
        }
        if (Task.FAILED.equals(task.status())) {
            return new Outcome.Skipped("a failed heartbeat is shown on the dashboard, not sent");
        }
        if (task.contentOut().strip().equals(Heartbeat.NOTHING_TO_REPORT)) {
            return new Outcome.Skipped("the heartbeat had nothing to report");
        }
        return quiet.heldUntil(clock.instant())
                .<Outcome>map(until -> new Outcome.Held(until, "quiet hours " + quiet))
                .orElseGet(() -> channel.deliver(task, silent));
    }
}
