package gomikrobot.group;

import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.timeline.GroupMemberStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * This member's time in one group: the transport to its topics, the heartbeat that re-publishes the card, and
 * the reading side, where every record passes the {@link RecordGate} (signed, fresh, on its kind's topic) and is
 * then handed to the part that owns its kind. Closed by {@link #leave} or when the gateway stops.
 */
final class Membership implements AutoCloseable {
    static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(15);

    private final String groupName;
    private final String self;
    private final Supplier<MemberCard> card;
    private final GroupTransport transport;
    private final RecordCodec codec;
    private final RecordGate gate;
    private final Roster roster;
    private final Parts parts;
    private final GroupMemberStore members;
    private final Ids ids;
    private final Clock clock;
    private final Log log;
    private volatile Thread heartbeat;
    private volatile boolean wasConnected = true;

    /** The parts that act on records, by kind. */
    record Parts(Outgoing outgoing, IncomingTasks incoming, RemoteSpans spans, SharedMemory shared) {
    }

    Membership(String groupName, String self, Supplier<MemberCard> card, GroupTransport transport, RecordCodec codec,
               Roster roster, Parts parts, GroupMemberStore members, Metrics.Counter dropped, Ids ids, Clock clock,
               Log log) {
        this.groupName = groupName;
        this.self = self;
        this.card = card;
        this.transport = transport;
        this.codec = codec;
        this.gate = new RecordGate(groupName, codec, dropped, clock, log);
        this.roster = roster;
        this.parts = parts;
        this.members = members;
        this.ids = ids;
        this.clock = clock;
        this.log = log;
    }

    /** Starts reading, announces the join and starts the heartbeat; throws when the brokers cannot be reached. */
    void join() throws GroupTransport.PublishException {
        transport.start(this::handle);
        announce("join");
        Duration interval = card.get().heartbeat();
        heartbeat = Thread.ofVirtual().name("group-heartbeat").start(() -> beat(interval));
    }

    /** Announces the leave (best effort) and closes. */
    void leave() {
        try {
            announce("leave");
        } catch (GroupTransport.PublishException e) {
            log.warn("Group leave not announced; the others see this member go offline", "error", e.getMessage());
        }
        close();
    }

    String groupName() {
        return groupName;
    }

    Publisher publisher() {
        return (kind, key, correlationId, payload) -> transport.publish(kind, key, codec.encode(new Envelope(kind,
                ids.hex16(), correlationId, self, clock.instant(), JsonObject.of(payload))), PUBLISH_TIMEOUT);
    }

    boolean connected() {
        return transport.connected();
    }

    Log log() {
        return log;
    }

    @Override
    public void close() {
        Thread beat = heartbeat;
        if (beat != null) {
            beat.interrupt();
        }
        transport.close();
    }

    /**
     * Checks one record and hands it to its part; throwing leaves it to be read again. A payload field of the
     * wrong type is dropped instead: read again, it would fail again, and every record after it would wait.
     */
    void handle(Kind topicKind, String key, byte[] value) throws Exception {
        Optional<Envelope> admitted = gate.admit(topicKind, value);
        if (admitted.isEmpty()) {
            return;
        }
        Envelope e = admitted.get();
        try {
            dispatch(e).ifPresent(reason -> gate.drop(reason, topicKind, e.senderId(), ""));
        } catch (JsonException unreadable) {
            gate.drop(DropReason.MALFORMED, topicKind, e.senderId(), unreadable.describe());
        } catch (Exception | Error failure) {
            gate.forget(e);
            throw failure;
        }
    }

    private Optional<DropReason> dispatch(Envelope e) throws InterruptedException {
        return switch (e.kind()) {
            case ANNOUNCE -> announced(e);
            case REQUEST -> {
                parts.incoming().requested(e);
                yield Optional.empty();
            }
            case RESPONSE -> parts.outgoing().answered(e);
            case TRACE -> parts.spans().received(e);
            case MEMORY -> parts.shared().received(e);
        };
    }

    private Optional<DropReason> announced(Envelope e) {
        MemberCard c = MemberCard.fromPayload(e.payload());
        if (!c.agentId().equals(e.senderId())) {
            return Optional.of(DropReason.NOT_PERMITTED);
        }
        MemberCard seen = e.payload().string("action", "").equals("leave") ? c.withStatus(MemberCard.LEFT) : c;
        roster.seen(seen);
        if (seen.status().equals(MemberCard.LEFT)) {
            members.markLeft(c.agentId(), clock.instant());
        } else {
            members.upsert(c.row(MemberCard.ACTIVE, clock.instant()));
        }
        return Optional.empty();
    }

    private void announce(String action) throws GroupTransport.PublishException {
        MemberCard mine = action.equals("leave") ? card.get().withStatus(MemberCard.LEFT) : card.get();
        Map<String, Object> payload = mine.toPayload(action);
        publisher().publish(Kind.ANNOUNCE, self, action + "-" + ids.hex16(), payload);
        roster.seen(mine);
    }

    private void beat(Duration interval) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval);
                announce("heartbeat");
                if (!wasConnected) {
                    log.info("Group brokers reachable again", "group", groupName);
                }
                wasConnected = true;
            } catch (InterruptedException e) {
                return;
            } catch (GroupTransport.PublishException e) {
                if (wasConnected) {
                    log.warn("Group brokers unreachable; retrying", "group", groupName, "error", e.getMessage());
                }
                wasConnected = false;
            }
        }
    }

}
