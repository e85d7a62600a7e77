package gomikrobot.agent;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.json.Json;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.provider.ChatMessage;
import gomikrobot.provider.ChatReply;
import gomikrobot.provider.ChatRequest;
import gomikrobot.provider.Role;
import gomikrobot.timeline.EventStore;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.TimelineEvent;
import gomikrobot.tools.ToolCallRecord;
import gomikrobot.tools.ToolCallRecorder;
import gomikrobot.tools.ToolContext;
import gomikrobot.tools.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the timeline rows of a request in the original's formats (API-CONTRACT §10): the inbound message, the
 * answer, and a span per LLM call and per tool call, all under the message's trace id. Event ids and
 * classifications per channel come from one table. The inbound event and an in-line answer's event belong to
 * their task's transaction, so a failed write throws and undoes it; every other record (spans, refused messages,
 * delivery attempts) is logged and dropped when its write fails: recording must not break answering, nor make a
 * sent answer look unsent.
 */
public final class EventRecorder implements TurnObserver, ToolCallRecorder {
    private static final int MAX_PROMPT_BYTES = 2048;
    private static final int MAX_RESULT_BYTES = 10240;

    /**
     * How a channel's messages are named in the timeline. {@code senderByName}: the inbound metadata's
     * {@code sender} is the sender's name (web UI: the user name) rather than the sender id (§10.6).
     */
    private record Naming(String inPrefix, String inClassification, String senderName, String outPrefix,
                          String outClassification, boolean senderByName) {
    }

    private static final Map<String, Naming> NAMING = Map.of(
            "local", new Naming("LOCAL_IN_", "LOCAL_INBOUND", "Local", "LOCAL_OUT_", "LOCAL_OUTBOUND", false),
            "cli", new Naming("CLI_IN_", "CLI_INBOUND", "CLI", "CLI_OUT_", "CLI_OUTBOUND", false),
            "openai", new Naming("OPENAI_IN_", "OPENAI_INBOUND", "OpenAI API", "OPENAI_OUT_", "OPENAI_OUTBOUND", false),
            "webui", new Naming("WEBUI_IN_", "WEBUI_INBOUND", "", "WEBUI_ACK_", "WEBUI_OUTBOUND", true),
            "whatsapp", new Naming("", "ASSISTANCE", "User", "WA_OUT_", "WHATSAPP_OUTBOUND", false),
            "telegram", new Naming("TG_IN_", "TELEGRAM_INBOUND", "", "TG_OUT_", "TELEGRAM_OUTBOUND", false));
    private static final Naming OTHER = new Naming("IN_", "INBOUND", "", "OUT_", "OUTBOUND", false);

    private final EventStore events;
    private final Ids ids;
    private final Log log;

    public EventRecorder(EventStore events, Ids ids, Log log) {
        this.events = events;
        this.ids = ids;
        this.log = log;
    }

    /** The inbound message as a {@code TEXT} event; throws when it cannot be written. */
    public void inbound(InboundMessage m) {
        events.append(inboundEvent(m, true, NAMING.getOrDefault(m.channel(), OTHER).inClassification()));
    }

    /** A message a channel refused ({@code authorized=false}), with the channel's classification. */
    public void refused(InboundMessage m, String classification) {
        append(inboundEvent(m, false, classification));
    }

    /**
     * An in-line channel's reply as a {@code SYSTEM} event from {@code AGENT}, e.g. {@code CLI_OUTBOUND status=sent};
     * throws when it cannot be written.
     */
    public void outbound(OutboundMessage m, String status) {
        Naming n = NAMING.getOrDefault(m.channel(), OTHER);
        String text = switch (m.reply()) {
            case Reply.Answer answer -> answer.text();
            case Reply.Failure failure -> failure.describe();
        };
        events.append(outboundEvent(m.channel(), m.traceId(), text, n.outClassification() + " status=" + status,
                status, ""));
    }

    /**
     * A delivery attempt of a task's reply as a {@code SYSTEM} event from {@code AGENT}, with the text the person
     * was sent and a classification the delivering channel composed (e.g.
     * {@code WHATSAPP_OUTBOUND status=sent to=<jid>}); metadata carries the delivery status and the recipient.
     */
    public void delivered(Task task, String text, String classification, String deliveryStatus, String recipient) {
        append(outboundEvent(task.channel(), task.traceId(), text, classification, deliveryStatus, recipient));
    }

    private TimelineEvent inboundEvent(InboundMessage m, boolean authorized, String classification) {
        Naming n = NAMING.getOrDefault(m.channel(), OTHER);
        String eventId = n.inPrefix().isEmpty() && !m.messageId().isBlank() ? m.messageId() : prefixOr(n.inPrefix(), "IN_") + ids.unixNano();
        String senderName = m.senderName().isBlank() ? n.senderName() : m.senderName();
        return TimelineEvent.create(eventId, m.traceId(), m.senderId(), senderName, "TEXT", m.text(),
                        classification, authorized)
                .withMediaPath(m.mediaPath())
                .withMetadata(sortedJson("channel", m.channel(), "content", m.text(), "message_type", "TEXT",
                        "sender", n.senderByName() ? senderName : m.senderId()))
                .withTimestamp(m.at());
    }

    private TimelineEvent outboundEvent(String channel, String traceId, String text, String classification,
                                        String deliveryStatus, String recipient) {
        Naming n = NAMING.getOrDefault(channel, OTHER);
        String metadata = recipient.isBlank()
                ? sortedJson("delivery_status", deliveryStatus, "response_text", text)
                : sortedJson("delivery_status", deliveryStatus, "recipient", recipient, "response_text", text);
        return TimelineEvent.create(n.outPrefix() + ids.unixNano(), traceId, "AGENT", "Agent", "SYSTEM", text,
                classification, true).withMetadata(metadata);
    }

    @Override
    public void llmCall(ToolContext ctx, int iteration, ChatRequest request, ChatReply reply, Instant started,
                        Duration took) {
        Map<String, Object> meta = llmMetadata(request, took);
        meta.put("completion_tokens", reply.usage().completionTokens());
        meta.put("finish_reason", reply.finishReason());
        meta.put("prompt_tokens", reply.usage().promptTokens());
        meta.put("response_text", truncate(reply.content() == null ? "" : reply.content(), MAX_RESULT_BYTES));
        meta.put("total_tokens", reply.usage().totalTokens());
        if (!request.tools().isEmpty()) {
            meta.put("tool_calls", reply.toolCalls().stream()
                    .map(c -> Map.of("arguments", c.argumentsJson(), "name", c.name())).toList());
        }
        String tools = reply.toolCalls().isEmpty() ? ""
                : " → tools: " + String.join(", ", reply.toolCalls().stream().map(c -> c.name()).toList());
        String text = "model=" + reply.model() + " tokens=" + reply.usage().totalTokens() + " duration="
                + took.toMillis() + "ms" + tools;
        appendSpan("LLM_" + ctx.traceId() + "_" + iteration + "_", ctx, "LLM", "LLM", text, meta, started);
    }

    @Override
    public void llmFailed(ToolContext ctx, int iteration, ChatRequest request, String error, Instant started,
                          Duration took) {
        Map<String, Object> meta = llmMetadata(request, took);
        meta.put("error", error);
        String text = "model=" + request.model() + " error duration=" + took.toMillis() + "ms";
        appendSpan("LLM_" + ctx.traceId() + "_" + iteration + "_", ctx, "LLM", "LLM", text, meta, started);
    }

    @Override
    public void record(ToolCallRecord r) {
        Map<String, Object> meta = new TreeMap<>();
        meta.put("arguments", parseOrText(r.argumentsJson()));
        meta.put("duration_ms", r.durationMs());
        String output = r.result().forModel();
        switch (r.result()) {
            case ToolResult.Ok ok -> meta.put("result", truncate(ok.forModel(), MAX_RESULT_BYTES));
            case ToolResult.Failed failed -> meta.put("error", failed.reason());
            case ToolResult.Denied denied -> meta.put("error", "denied by policy: " + denied.rule());
        }
        meta.put("tool_call_id", r.toolCallId());
        meta.put("tool_name", r.tool());
        String text = "tool=" + r.tool() + " duration=" + r.durationMs() + "ms result_len="
                + output.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        appendSpan("TOOL_" + r.ctx().traceId() + "_" + r.tool() + "_", r.ctx(), "Tool", "TOOL", text, meta,
                null);
    }

    private Map<String, Object> llmMetadata(ChatRequest request, Duration took) {
        Map<String, Object> meta = new TreeMap<>();
        meta.put("duration_ms", took.toMillis());
        meta.put("max_tokens", request.maxTokens());
        meta.put("message_count", request.messages().size());
        meta.put("model", request.model());
        meta.put("temperature", request.temperature());
        List<ChatMessage> messages = request.messages();
        if (!messages.isEmpty() && messages.getFirst().role() == Role.SYSTEM) {
            meta.put("system_prompt", truncate(messages.getFirst().content(), MAX_PROMPT_BYTES));
        }
        messages.reversed().stream().filter(m -> m.role() == Role.USER).findFirst()
                .ifPresent(m -> meta.put("last_user_message", truncate(m.content(), MAX_PROMPT_BYTES)));
        return meta;
    }

    private void appendSpan(String idPrefix, ToolContext ctx, String senderName, String classification,
                            String text, Map<String, Object> meta, Instant started) {
        TimelineEvent e = TimelineEvent.create(idPrefix + ids.unixNano(), ctx.traceId(), "AGENT", senderName,
                "SYSTEM", text, classification, true).withMetadata(Json.write(meta));
        append(started == null ? e : e.withTimestamp(started));
    }

    /** Appends a record that must not fail what it records: a failed write is logged and dropped. */
    private void append(TimelineEvent e) {
        try {
            events.append(e);
        } catch (RuntimeException ex) {
            log.unexpected("Timeline write failed; the event is dropped", ex, "event_id", e.eventId());
        }
    }

    private static String prefixOr(String prefix, String fallback) {
        return prefix.isEmpty() ? fallback : prefix;
    }

    private static Object parseOrText(String json) {
        try {
            return Json.parse(json);
        } catch (RuntimeException e) {
            return json;
        }
    }

    private static String sortedJson(Object... keysAndValues) {
        return Json.write(new TreeMap<>(Json.object(keysAndValues)));
    }

    /** Cuts text to at most {@code maxBytes} of UTF-8 without splitting a character. */
    static String truncate(String text, int maxBytes) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }
}
