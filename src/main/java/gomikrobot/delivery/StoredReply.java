package gomikrobot.delivery;

import gomikrobot.bus.OutboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.timeline.Task;

/** A finished task's reply as stored in its row: the answer of a completed task, the failure of a failed one. */
public final class StoredReply {
    private StoredReply() {
    }

    public static Reply of(Task task) {
        return Task.FAILED.equals(task.status()) ? Reply.Failure.fromErrorText(task.errorText())
                : new Reply.Answer(task.contentOut());
    }

    /** The task's reply addressed to {@code chatId} on {@code channel}, under the task's trace. */
    static OutboundMessage to(String channel, String chatId, Task task) {
        return new OutboundMessage(channel, chatId, task.traceId(), task.taskId(), of(task));
    }
}
