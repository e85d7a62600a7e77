package gomikrobot.group;

import gomikrobot.json.JsonObject;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.timeline.GroupMember;
import gomikrobot.timeline.GroupMemberStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * This member's time in one group: the transport to its topics, the heartbeat that re-publishes the card, and
 * the reading side, where every record is checked before anything acts on it — signed with the group's secret
 * ({@link RecordCodec}), not stale or replayed ({@link ReplayGuard}), on the topic of its kind — and then handed
 * to the part that owns its kind. A record that fails a check is dropped, counted by reason and logged in one
 * line (never with the secret). Closed by {@link #leave} or when the gateway stops.
 */
final class Membership implements AutoCloseable {
    static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(15);

    private final String groupName;
    private final String self;
    private final Supplier<MemberCard> card;
    private final GroupTransport transport;
    private final RecordCodec codec;
    private final ReplayGuard guard;
    private final Roster roster;
    private final Parts parts;
    private final GroupMemberStore members;
    private final Metrics.Counter dropped;
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
        this.guard = new ReplayGuard(clock);
        this.roster = roster;
        this.parts = parts;
        this.members = members;
        this.dropped = dropped;
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

    /** Checks one record and hands it to its part; throwing leaves it to be read again. */
    void handle(Kind topicKind, String key, byte[] value) throws Exception {
        Envelope e = switch (codec.decode(value)) {
            case RecordCodec.Decoded.Valid valid -> valid.envelope();
            case RecordCodec.Decoded.Rejected rejected -> {
                drop(rejected.reason(), topicKind, "", rejected.detail());
                yield null;
            }
        };
        if (e == null) {
            return;
        }
        if (e.kind() != topicKind) {
            drop(DropReason.MALFORMED, topicKind, e.senderId(), "a " + e.kind().type() + " record on the wrong topic");
            return;
        }
        Optional<DropReason> replay = guard.check(e);
        if (replay.isPresent()) {
            drop(replay.get(), topicKind, e.senderId(), "");
            return;
        }
        try {
            dispatch(e).ifPresent(reason -> drop(reason, topicKind, e.senderId(), ""));
        } catch (Exception | Error failure) {
            guard.forget(e);
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
            members.upsert(GroupMember.of(c.agentId(), c.agentName(), c.tools(), c.channels(), c.model(),
                    MemberCard.ACTIVE, clock.instant()));
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

    private void drop(DropReason reason, Kind kind, String sender, String detail) {
        dropped.inc(reason.label());
        log.warn("Group record dropped", "reason", reason.label(), "topic", kind.topic(groupName), "sender", sender,
                "detail", detail);
    }
}
