package gomikrobot.group;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.timeline.EventStore;
import gomikrobot.timeline.GroupTask;
import gomikrobot.timeline.GroupTraceStore;
import gomikrobot.timeline.RemoteSpan;
import gomikrobot.timeline.TimelineEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Spans of delegated work, across machines. The member that ran a task sends the events it recorded under the
 * task's trace (the inbound message, each LLM and tool call) to the group's traces topic; the member that asked
 * files them in {@code group_traces} under its own trace, where the trace graph shows them as remote nodes. Only
 * spans from the member a task was asked of, for a task of ours, are kept.
 */
final class RemoteSpans {
    /** At most this many spans of one task are sent, and this much of each span's text. */
    static final int MAX_SPANS = 200;
    static final int MAX_CONTENT_CHARS = 2000;

    private final EventStore events;
    private final GroupTraceStore traces;
    private final BiFunction<String, String, Optional<GroupTask>> askedOf;

    /** @param askedOf our outgoing task of that id asked of that sender, if any */
    RemoteSpans(EventStore events, GroupTraceStore traces,
                BiFunction<String, String, Optional<GroupTask>> askedOf) {
        this.events = events;
        this.traces = traces;
        this.askedOf = askedOf;
    }

    /** Sends the spans this member recorded under {@code traceId} while running group task {@code taskId}. */
    void publish(Publisher publisher, String taskId, String traceId) throws GroupTransport.PublishException {
        if (traceId.isBlank()) {
            return;
        }
        for (TimelineEvent e : events.byTrace(traceId, MAX_SPANS)) {
            long durationMs = e.durationMs();
            Instant started = e.timestamp();
            publisher.publish(Kind.TRACE, traceId, traceId, Json.object("task_id", taskId, "trace_id", traceId,
                    "span_id", e.eventId(), "parent_span_id", e.parentSpanId(), "span_type", e.nodeType(),
                    "title", e.classification(), "content", cut(e.contentText()),
                    "started_at", started == null ? "" : started.toString(),
                    "ended_at", started == null ? "" : started.plusMillis(durationMs).toString(),
                    "duration_ms", durationMs));
        }
    }

    /** A span record: filed under our task's trace when it answers a task of ours. */
    Optional<DropReason> received(Envelope span) {
        JsonObject p = span.payload();
        Optional<GroupTask> task = askedOf.apply(p.string("task_id", ""), span.senderId());
        if (task.isEmpty()) {
            return Optional.empty(); // spans of others' tasks are theirs
        }
        traces.add(new RemoteSpan(0, task.get().traceId(), span.senderId(), p.string("span_id", ""),
                p.string("parent_span_id", ""), p.string("span_type", "EVENT"), p.string("title", ""),
                cut(p.string("content", "")), time(p.string("started_at", "")), time(p.string("ended_at", "")),
                Math.max(0, p.integer("duration_ms", 0)), span.timestamp()));
        return Optional.empty();
    }

    private static Instant time(String text) {
        try {
            return text.isBlank() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String cut(String text) {
        return text.length() <= MAX_CONTENT_CHARS ? text : text.substring(0, MAX_CONTENT_CHARS) + " ...";
    }
}
