package gomikrobot.gateway;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.timeline.ApprovalRecord;
import gomikrobot.timeline.PolicyDecision;
import gomikrobot.timeline.RemoteSpan;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.Times;
import gomikrobot.timeline.TimelineEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The body of {@code GET /api/v1/trace/{id}} (contract §5.1): spans derived from the trace's timeline events,
 * its task, its policy decisions and (ours, when there are any) its approval requests, with our fixes (decision 6): an INBOUND span's {@code channel} is the
 * channel, {@code completed_at} is the real time, and every {@code HH:MM:SS} — span and decision alike — is
 * in one zone. Objects the contract marks <i>map</i> have alphabetical keys, as Go writes maps.
 */
final class TraceView {
    /** The LLM span's output shows at most this many bytes of the model's answer, then "...". */
    static final int LLM_OUTPUT_BYTES = 200;

    private final DateTimeFormatter clockTime;

    TraceView(ZoneId zone) {
        this.clockTime = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    }

    Map<String, Object> render(String traceId, List<TimelineEvent> events, Optional<Task> task,
                               List<PolicyDecision> decisions, List<ApprovalRecord> approvals) {
        String channel = task.map(Task::channel).orElse("");
        Map<String, Object> body = new LinkedHashMap<>();
        if (!approvals.isEmpty()) {
            body.put("approvals", approvals.stream().map(this::approval).toList());
        }
        body.put("policy_decisions", decisions.stream().map(this::decision).toList());
        body.put("spans", events.stream().map(e -> span(e, channel)).toList());
        body.put("task", task.map(TraceView::taskInfo).orElse(null));
        body.put("trace_id", traceId);
        return body;
    }

    /**
     * The body of {@code GET /api/v1/trace-graph/{id}} (contract §5.2): a node per timeline event, then an
     * {@code APPROVAL} node per approval request (its wait from request to answer), a node per span another group
     * member sent for this trace ({@code remote-<row id>}, its member as {@code agent_id}), an edge from each
     * node's parent span to its span, the task and the policy decisions as in {@link #render}, and
     * {@code approvals}, omitted when empty as the original does. Empty {@code nodes} and {@code edges} are
     * {@code []}, not the original's {@code null} (decision 3).
     */
    Map<String, Object> graph(List<TimelineEvent> events, List<RemoteSpan> remote, Optional<Task> task,
                              List<PolicyDecision> decisions, List<ApprovalRecord> approvals) {
        List<Map<String, Object>> nodes = new ArrayList<>(events.stream().map(this::node).toList());
        approvals.forEach(a -> nodes.add(approvalNode(a)));
        remote.forEach(r -> nodes.add(remoteNode(r)));
        List<Map<String, Object>> edges = events.stream()
                .filter(e -> !e.spanId().isEmpty() && !e.parentSpanId().isEmpty())
                .map(e -> Json.object("source", e.parentSpanId(), "target", e.spanId()))
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nodes", nodes);
        body.put("edges", edges);
        body.put("task", task.map(TraceView::taskInfo).orElse(null));
        body.put("policy_decisions", decisions.stream().map(this::decision).toList());
        if (!approvals.isEmpty()) {
            body.put("approvals", approvals.stream().map(this::approval).toList());
        }
        return body;
    }

    /** {@code Approval: <tool> (tier <n>) → <status>}, from the request to its answer (none while pending). */
    private Map<String, Object> approvalNode(ApprovalRecord a) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", "approval-" + a.approvalId());
        node.put("span_id", "");
        node.put("parent_span_id", "");
        node.put("type", "APPROVAL");
        node.put("title", "Approval: " + a.tool() + " (tier " + a.tier() + ") → " + a.status());
        node.put("start_time", clock(a.createdAt()));
        node.put("end_time", a.respondedAt() == null ? "" : clock(a.respondedAt()));
        node.put("duration_ms", a.respondedAt() == null ? 0L
                : Math.max(0, Duration.between(a.createdAt(), a.respondedAt()).toMillis()));
        node.put("agent_id", "local");
        node.put("output", a.arguments());
        return node;
    }

    private Map<String, Object> approval(ApprovalRecord a) {
        return Json.object("approval_id", a.approvalId(), "channel", a.channel(), "sender", a.sender(),
                "status", a.status(), "tier", (long) a.tier(), "time", clock(a.createdAt()), "tool", a.tool());
    }

    /**
     * One node, struct order {@code id, span_id, parent_span_id, type, title, start_time, end_time, duration_ms,
     * agent_id, output}. Beyond the original, whose local nodes always say 0, {@code duration_ms} is the event's
     * recorded duration when its metadata has one.
     */
    private Map<String, Object> node(TimelineEvent e) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", e.eventId());
        node.put("span_id", e.spanId());
        node.put("parent_span_id", e.parentSpanId());
        node.put("type", e.nodeType());
        node.put("title", e.classification());
        node.put("start_time", clock(e.timestamp()));
        node.put("end_time", "");
        node.put("duration_ms", e.durationMs());
        node.put("agent_id", "local");
        node.put("output", "");
        return node;
    }

    /** A span another member sent: {@code remote-<row id>}, with its start and end times when it has them. */
    private Map<String, Object> remoteNode(RemoteSpan r) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", "remote-" + r.id());
        node.put("span_id", r.spanId());
        node.put("parent_span_id", r.parentSpanId());
        node.put("type", r.spanType());
        node.put("title", r.title());
        node.put("start_time", r.startedAt() == null ? "" : clock(r.startedAt()));
        node.put("end_time", r.endedAt() == null ? "" : clock(r.endedAt()));
        node.put("duration_ms", r.durationMs());
        node.put("agent_id", r.sourceAgentId());
        node.put("output", r.content());
        return node;
    }

    /** One span: struct order {@code id, type, title, time, duration, output, metadata}. */
    Map<String, Object> span(TimelineEvent e, String taskChannel) {
        String type = type(e);
        Map<String, Object> meta = metadata(e.metadata());
        String output = switch (type) {
            case "INBOUND" -> {
                String channel = meta.get("channel") instanceof String s && !s.isBlank() ? s : taskChannel;
                meta.put("channel", channel);
                meta.put("content", e.contentText());
                meta.put("message_type", e.eventType());
                meta.put("sender", e.senderName());
                yield e.contentText();
            }
            case "OUTBOUND" -> {
                meta.put("response_text", e.contentText());
                yield e.contentText();
            }
            case "LLM" -> meta.get("response_text") instanceof String s ? shorten(s) : "";
            case "TOOL" -> meta.get("tool_name") instanceof String s ? s : "";
            default -> "";
        };
        Map<String, Object> span = new LinkedHashMap<>();
        span.put("id", e.eventId());
        span.put("type", type);
        span.put("title", e.classification());
        span.put("time", clock(e.timestamp()));
        span.put("duration", meta.get("duration_ms") instanceof Number n ? n.longValue() + "ms" : "");
        span.put("output", output);
        if (!meta.isEmpty()) {
            span.put("metadata", meta);
        }
        return span;
    }

    /** First match wins, on the classification (case-sensitive) and the sender name. */
    static String type(TimelineEvent e) {
        String c = e.classification();
        if (c.contains("INBOUND") || e.senderName().equals("User")) {
            return "INBOUND";
        }
        if (c.contains("OUTBOUND") || e.senderName().equals("Agent")) {
            return "OUTBOUND";
        }
        if (c.contains("LLM")) {
            return "LLM";
        }
        return c.contains("TOOL") ? "TOOL" : "EVENT";
    }

    private Map<String, Object> decision(PolicyDecision d) {
        return Json.object("allowed", d.allowed(), "reason", d.reason(), "tier", (long) d.tier(),
                "time", clock(d.createdAt()), "tool", d.tool());
    }

    private static Map<String, Object> taskInfo(Task t) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("channel", t.channel());
        info.put("completed_at", t.completedAt() == null ? null : Times.rfc3339(t.completedAt()));
        info.put("completion_tokens", t.completionTokens());
        info.put("created_at", Times.rfc3339(t.createdAt()));
        info.put("delivery_status", t.deliveryStatus().isEmpty() ? Task.DELIVERY_PENDING : t.deliveryStatus());
        info.put("prompt_tokens", t.promptTokens());
        info.put("status", t.status());
        info.put("task_id", t.taskId());
        info.put("total_tokens", t.totalTokens());
        return info;
    }

    private String clock(Instant t) {
        return clockTime.format(t == null ? Times.ZERO : t);
    }

    /**
     * The event's metadata as a mutable object with sorted keys, nested objects too (the original decodes them into
     * Go maps, which it writes in key order); anything but a JSON object gives an empty one.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(String text) {
        if (text.isBlank()) {
            return new TreeMap<>();
        }
        try {
            return Json.parse(text) instanceof Map<?, ?> map ? (Map<String, Object>) Json.sortedKeys(map)
                    : new TreeMap<>();
        } catch (JsonException e) {
            return new TreeMap<>(); // a damaged document shows as a span without metadata, as in the original
        }
    }

    /** At most {@link #LLM_OUTPUT_BYTES} bytes of UTF-8 (never half a character), then "..." if cut. */
    static String shorten(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= LLM_OUTPUT_BYTES) {
            return text;
        }
        int end = LLM_OUTPUT_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8) + "...";
    }
}
