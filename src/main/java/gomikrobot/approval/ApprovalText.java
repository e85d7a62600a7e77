package gomikrobot.approval;

import gomikrobot.policy.PolicyRequest;
import gomikrobot.policy.Waits;
import gomikrobot.timeline.ApprovalRecord;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The lines the owner reads about approvals: the question, the acknowledgement of an answer, the expiry. */
final class ApprovalText {
    /** The arguments shown in a question are cut here: the dashboard shows them whole. */
    static final int SUMMARY_CHARS = 200;

    private ApprovalText() {
    }

    /** "Allow `exec` (tier 2) for +4917… on whatsapp: `git pull`? Reply `yes 7f3a` or `no 7f3a` (within 5 min)." */
    static String question(ApprovalRecord request, PolicyRequest call, String summary, Duration timeout) {
        String shown = oneLine(summary);
        return "Allow `" + request.tool() + "` (tier " + request.tier() + ") for " + who(call)
                + (shown.isEmpty() ? "" : ": `" + shown + "`") + "? Reply `yes " + request.code() + "` or `no "
                + request.code() + "` (within " + Waits.describe(timeout) + ").";
    }

    static String expired(ApprovalRecord request, Duration timeout) {
        return "Approval " + request.code() + " for `" + request.tool() + "` expired after " + Waits.describe(timeout)
                + "; it was not run.";
    }

    /** One line for the owner who answered; {@code pending} are the requests still waiting. */
    static String acknowledgement(Resolution resolution, List<ApprovalRecord> pending) {
        return switch (resolution) {
            case Resolution.Answered a when a.approved() -> "Approved " + a.request().code() + ": `"
                    + a.request().tool() + "` runs now.";
            case Resolution.Answered a -> "Denied " + a.request().code() + ": `" + a.request().tool()
                    + "` will not run.";
            case Resolution.NotPending n -> n.known().filter(known -> !known.isPending())
                    .map(known -> "Approval " + n.idOrCode() + " was already " + said(known.status()) + ".")
                    .orElse("No approval is waiting under " + n.idOrCode() + ".") + stillWaiting(pending);
        };
    }

    private static String stillWaiting(List<ApprovalRecord> pending) {
        return pending.isEmpty() ? " Nothing is waiting." : " Waiting: " + pending.stream()
                .map(r -> r.code() + " (`" + r.tool() + "`)").collect(Collectors.joining(", ")) + ".";
    }

    private static String said(String status) {
        return status.equals(ApprovalRecord.TIMEOUT) ? "timed out" : status;
    }

    /** The owner themself, or the sender as the owner knows them: a phone number with its {@code +}. */
    private static String who(PolicyRequest call) {
        if (call.internal()) {
            return "you on " + call.channel();
        }
        String sender = call.sender().isBlank() ? "someone" : call.sender();
        return (sender.matches("\\d{6,15}") ? "+" + sender : sender) + " on " + call.channel();
    }

    /** Backticks and line breaks would break the one-line question; long arguments are cut. */
    private static String oneLine(String text) {
        String flat = text.replace('`', '\'').replaceAll("\\s+", " ").strip();
        return flat.length() <= SUMMARY_CHARS ? flat : flat.substring(0, SUMMARY_CHARS) + "…";
    }
}
