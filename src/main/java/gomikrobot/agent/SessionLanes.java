package gomikrobot.agent;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * One {@link SerialExecutor} per session, created on a session's first message and dropped as soon as it has
 * nothing left to run, so a gateway that has seen a million sessions holds lanes only for the busy ones.
 * Submitting and retiring a session's lane happen atomically for that session: a message is never queued on a
 * lane that is being dropped, so a session's messages still run one at a time and in order.
 */
final class SessionLanes {
    private final Executor workers;
    private final ConcurrentHashMap<String, SerialExecutor> lanes = new ConcurrentHashMap<>();

    SessionLanes(Executor workers) {
        this.workers = workers;
    }

    void execute(String session, Runnable task) {
        lanes.compute(session, (key, lane) -> {
            SerialExecutor target = lane != null ? lane : newLane(key);
            target.execute(task);
            return target;
        });
    }

    /** Sessions with a lane now: those with a message queued or running. */
    int size() {
        return lanes.size();
    }

    private SerialExecutor newLane(String session) {
        return new SerialExecutor(workers, idle -> lanes.computeIfPresent(session,
                (key, lane) -> lane == idle && !lane.busy() ? null : lane));
    }
}
