package gomikrobot.delivery;

import gomikrobot.timeline.Task;

/** Delivers a completed task's answer on one channel. {@code silent} is the current silent mode. */
@FunctionalInterface
public interface Route {
    Outcome deliver(Task task, boolean silent);
}
