package gomikrobot.approval;

import gomikrobot.bus.Reply;
import gomikrobot.observe.Log;
import gomikrobot.policy.PolicyEngine;
import gomikrobot.timeline.ApprovalRecord;
import gomikrobot.timeline.ApprovalStore;
import gomikrobot.timeline.PolicyLog;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.TaskStore;

/**
 * Settles at start the approvals a previous run left pending (it crashed while a call waited for the owner):
 * each is denied and recorded as {@code approval_interrupted}, and its task, still {@code processing}, ends
 * {@code failed: interrupted}, so the delivery worker tells its sender to send the message again instead of the
 * task running again and asking anew. Run by the gateway before {@code agent.Recovery}, which would otherwise
 * run such a task again.
 */
public final class InterruptedApprovals {
    private final ApprovalStore approvals;
    private final TaskStore tasks;
    private final PolicyLog decisions;
    private final Log log;

    public InterruptedApprovals(ApprovalStore approvals, TaskStore tasks, PolicyLog decisions, Log log) {
        this.approvals = approvals;
        this.tasks = tasks;
        this.decisions = decisions;
        this.log = log;
    }

    /** Returns how many requests were denied. */
    public int settle() {
        int denied = 0;
        for (ApprovalRecord r : approvals.pending()) {
            if (!approvals.settle(r.approvalId(), ApprovalRecord.DENIED)) {
                continue;
            }
            denied++;
            decisions.record(r.traceId(), r.taskId(), r.tool(), r.tier(), r.sender(), r.channel(), false,
                    PolicyEngine.APPROVAL_INTERRUPTED);
            if (tasks.get(r.taskId()).filter(t -> t.status().equals(Task.PROCESSING)).isPresent()) {
                tasks.fail(r.taskId(), new Reply.Failure(Reply.Reason.INTERRUPTED,
                        "a restart came while `" + r.tool() + "` waited for the owner's approval").errorText());
            }
        }
        if (denied > 0) {
            log.warn("Denied approvals a restart interrupted; their senders are asked to send again", "count", denied);
        }
        return denied;
    }
}
