package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.approval.Approvals;
import gomikrobot.approval.Resolution;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.timeline.ApprovalRecord;
import java.io.IOException;

/**
 * The owner's approvals from the dashboard (contract §6): {@code GET /api/v1/approvals/pending}, the requests
 * waiting, oldest first ({@code []} when none); {@code POST /api/v1/approvals/{approvalID}} with
 * {@code {"approved": bool}} answers one (its full id or its 4-character code) and says what it became,
 * {@code {"approval_id", "status": "approved"|"denied"}}: the waiting call runs or is refused at once. Unlike
 * the original, which queued the answer as a bus message and always said {@code sent}, an id no request has is
 * 404 and a request already answered (or timed out) 409.
 */
final class ApprovalsApi {
    static final String PENDING_PATH = "/api/v1/approvals/pending";
    static final String ONE_PREFIX = "/api/v1/approvals/";
    /** Where the answer came from, for the log. */
    private static final String VIA = "dashboard";

    private final Approvals approvals;

    ApprovalsApi(Approvals approvals) {
        this.approvals = approvals;
    }

    void mount(Router router) {
        router.exact(PENDING_PATH, this::pending, "GET");
        router.prefix(ONE_PREFIX, this::answer, "POST");
    }

    private void pending(HttpExchange exchange) throws IOException {
        Responses.json(exchange, 200, approvals.pending().stream().map(ApprovalRecord::toJson).toList());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring(ONE_PREFIX.length()).strip();
        if (id.isEmpty() || id.equals("pending")) {
            throw HttpError.badRequest("approval_id required");
        }
        JsonObject body = Requests.body(exchange);
        if (!(body.raw("approved") instanceof Boolean approved)) {
            throw HttpError.badRequest("approved must be true or false: {\"approved\": true}");
        }
        switch (approvals.answer(id, approved, VIA)) {
            case Resolution.Answered answered -> Responses.json(exchange, 200, Json.object(
                    "approval_id", answered.request().approvalId(),
                    "status", approved ? ApprovalRecord.APPROVED : ApprovalRecord.DENIED));
            case Resolution.NotPending none -> throw none.known()
                    .map(known -> new HttpError(409, "approval " + id + " is already " + known.status()))
                    .orElseGet(() -> new HttpError(404, "no approval " + id
                            + " (GET " + PENDING_PATH + " lists the waiting ones)"));
        }
    }
}
