package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.timeline.ApprovalStore;
import gomikrobot.timeline.EventQuery;
import gomikrobot.timeline.EventStore;
import gomikrobot.timeline.GroupTraceStore;
import gomikrobot.timeline.PolicyDecision;
import gomikrobot.timeline.PolicyLog;
import gomikrobot.timeline.TaskStore;
import gomikrobot.timeline.TimelineEvent;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;

/**
 * One trace, end to end: {@code GET /api/v1/trace/{traceID}} (contract §5.1, rendered by {@link TraceView}),
 * the same trace as a graph with the spans other group members sent for it as remote nodes,
 * {@code GET /api/v1/trace-graph/{traceID}} (§5.2), and
 * {@code GET /api/v1/policy-decisions?trace_id=} (the full decision records). An unknown trace is a 200 with
 * no spans, as the dashboard expects; a blank id is 400 {@code trace_id required}.
 */
final class TraceApi {
    static final String TRACE_PREFIX = "/api/v1/trace/";
    static final String GRAPH_PREFIX = "/api/v1/trace-graph/";
    static final String DECISIONS_PATH = "/api/v1/policy-decisions";
    /** As the original: the newest 500 events of a trace. */
    static final int MAX_EVENTS = 500;

    private final EventStore events;
    private final TaskStore tasks;
    private final PolicyLog policy;
    private final GroupTraceStore remote;
    private final ApprovalStore approvals;
    private final TraceView view;

    /** @param zone the zone of the {@code HH:MM:SS} span and decision times (the gateway's clock zone) */
    TraceApi(EventStore events, TaskStore tasks, PolicyLog policy, GroupTraceStore remote, ApprovalStore approvals,
             ZoneId zone) {
        this.events = events;
        this.tasks = tasks;
        this.policy = policy;
        this.remote = remote;
        this.approvals = approvals;
        this.view = new TraceView(zone);
    }

    void mount(Router router) {
        router.prefix(TRACE_PREFIX, this::trace, "GET");
        router.prefix(GRAPH_PREFIX, this::graph, "GET");
        router.exact(DECISIONS_PATH, this::decisions, "GET");
    }

    private void trace(HttpExchange exchange) throws IOException {
        String traceId = required(exchange.getRequestURI().getPath().substring(TRACE_PREFIX.length()));
        Responses.json(exchange, 200, view.render(traceId, events(traceId), tasks.byTrace(traceId),
                policy.byTrace(traceId), approvals.byTrace(traceId)));
    }

    private void graph(HttpExchange exchange) throws IOException {
        String traceId = required(exchange.getRequestURI().getPath().substring(GRAPH_PREFIX.length()));
        Responses.json(exchange, 200, view.graph(events(traceId), remote.byTrace(traceId), tasks.byTrace(traceId),
                policy.byTrace(traceId), approvals.byTrace(traceId)));
    }

    private List<TimelineEvent> events(String traceId) {
        return events.list(new EventQuery(MAX_EVENTS, 0, null, traceId, null));
    }

    private void decisions(HttpExchange exchange) throws IOException {
        String traceId = required(Requests.param(exchange, "trace_id"));
        Responses.json(exchange, 200, policy.byTrace(traceId).stream().map(PolicyDecision::toJson).toList());
    }

    private static String required(String traceId) {
        String trimmed = traceId.strip();
        if (trimmed.isEmpty()) {
            throw HttpError.badRequest("trace_id required");
        }
        return trimmed;
    }
}
