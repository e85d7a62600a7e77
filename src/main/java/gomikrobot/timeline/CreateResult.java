package gomikrobot.timeline;

/** Outcome of {@link TaskStore#create}: a new task, or the one already recorded under the same idempotency key. */
public sealed interface CreateResult {
    Task task();

    record Created(Task task) implements CreateResult {
    }

    /** The message was seen before; {@code existing} tells whether it is still running, done or failed. */
    record Duplicate(Task existing) implements CreateResult {
        @Override
        public Task task() {
            return existing;
        }
    }
}
