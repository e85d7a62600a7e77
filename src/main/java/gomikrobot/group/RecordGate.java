package gomikrobot.group;

import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import java.time.Clock;
import java.util.Optional;

/**
 * The door every received record passes before anything reads it: signed with the group's secret
 * ({@link RecordCodec}), on the topic of its kind, neither stale nor replayed ({@link ReplayGuard}). A record
 * that fails is dropped, counted in {@code gomikrobot_group_records_dropped_total} by reason and logged in one
 * line with its topic and sender (never the secret or the payload). Thread-safe.
 */
final class RecordGate {
    private final String groupName;
    private final RecordCodec codec;
    private final ReplayGuard guard;
    private final Metrics.Counter dropped;
    private final Log log;

    RecordGate(String groupName, RecordCodec codec, Metrics.Counter dropped, Clock clock, Log log) {
        this.groupName = groupName;
        this.codec = codec;
        this.guard = new ReplayGuard(clock);
        this.dropped = dropped;
        this.log = log;
    }

    /** The envelope of a record read from the topic of {@code topicKind}, or empty when it was dropped. */
    Optional<Envelope> admit(Kind topicKind, byte[] value) {
        Envelope e = switch (codec.decode(value)) {
            case RecordCodec.Decoded.Valid valid -> valid.envelope();
            case RecordCodec.Decoded.Rejected rejected -> {
                drop(rejected.reason(), topicKind, "", rejected.detail());
                yield null;
            }
        };
        if (e == null) {
            return Optional.empty();
        }
        if (e.kind() != topicKind) {
            drop(DropReason.MALFORMED, topicKind, e.senderId(), "a " + e.kind().type() + " record on the wrong topic");
            return Optional.empty();
        }
        Optional<DropReason> replay = guard.check(e);
        replay.ifPresent(reason -> drop(reason, topicKind, e.senderId(), ""));
        return replay.isPresent() ? Optional.empty() : Optional.of(e);
    }

    /** Forgets an admitted record whose handling failed, so that its redelivery is admitted again. */
    void forget(Envelope e) {
        guard.forget(e);
    }

    /** Drops a record admitted but refused by the part that owns its kind (an answer from a member not asked). */
    void drop(DropReason reason, Kind kind, String sender, String detail) {
        dropped.inc(reason.label());
        log.warn("Group record dropped", "reason", reason.label(), "topic", kind.topic(groupName), "sender", sender,
                "detail", detail);
    }
}
