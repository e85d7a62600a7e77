package gomikrobot.delivery;

import gomikrobot.timeline.Task;

/**
 * Channels that answer in-line ({@code cli}, {@code local}, {@code openai}): their reply is handed to the waiting
 * caller, never delivered later. A reply that reaches the delivery worker found no caller waiting (it gave up, or a
 * restart cut the connection), so it is marked {@code failed}: the answer is kept in the task and the session's
 * history, but nobody received it.
 */
public final class InlineRoute implements Route {
    @Override
    public Outcome deliver(Task task, boolean silent) {
        return new Outcome.Failed("no one was waiting for this reply any more (the caller left or the gateway restarted)");
    }
}
