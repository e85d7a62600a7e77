package gomikrobot.group;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One group record, the original's envelope ({@code type, correlation_id, sender_id, timestamp, payload}) plus
 * our {@code id}, unique per record, which the replay guard remembers. What goes on the wire is this object with
 * a {@code signature} beside it ({@link RecordCodec}).
 */
public record Envelope(Kind kind, String id, String correlationId, String senderId, Instant timestamp,
                       JsonObject payload) {

    public Envelope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(payload, "payload");
        requireText(id, "id");
        requireText(senderId, "sender_id");
        correlationId = Objects.requireNonNullElse(correlationId, "");
    }

    /** The fields that are signed, as a JSON object (everything but the signature). */
    Map<String, Object> toMap() {
        return Json.object("type", kind.type(), "id", id, "correlation_id", correlationId, "sender_id", senderId,
                "timestamp", timestamp.toString(), "payload", payload.asMap());
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("envelope without " + name);
        }
    }
}
