package gomikrobot.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unsigned, wrongly signed, tampered, stale and replayed records never get past the gate, and each is counted. */
class RecordGateTest {
    private static final String SECRET = "gate-test-secret-0123456789";
    private static final String GROUP = "team";

    private final MutableClock clock = new MutableClock("2026-03-01T10:00:00Z");
    private final Metrics.Counter dropped = new Metrics().counter("dropped", "test", "reason");
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final RecordCodec codec = new RecordCodec(SECRET, GROUP);
    private final RecordGate gate = new RecordGate(GROUP, codec, dropped, clock, new Log(Log.Level.DEBUG, false,
            new PrintStream(logged, true, StandardCharsets.UTF_8), clock, Set.of()));

    @Test
    void aRecordSignedWithTheGroupsSecretIsAdmittedOnce() {
        Envelope e = heartbeat("r1");
        byte[] value = codec.encode(e);

        assertEquals(e.toMap(), gate.admit(Kind.ANNOUNCE, value).orElseThrow().toMap());
        assertTrue(gate.admit(Kind.ANNOUNCE, value).isEmpty(), "the same record again is a replay");
        assertEquals(1, dropped.value("replayed"));
    }

    @Test
    void anUnsignedRecordIsDroppedAndCounted() {
        byte[] unsigned = Json.write(heartbeat("r2").toMap()).getBytes(StandardCharsets.UTF_8);

        assertTrue(gate.admit(Kind.ANNOUNCE, unsigned).isEmpty());
        assertEquals(1, dropped.value("unsigned"));
    }

    @Test
    void aRecordSignedWithAnotherSecretOrChangedAfterSigningIsDroppedAndCounted() {
        byte[] stranger = new RecordCodec("another-secret-0123456789", GROUP).encode(heartbeat("r3"));
        byte[] otherGroup = new RecordCodec(SECRET, "other").encode(heartbeat("r4"));
        byte[] changed = new String(codec.encode(heartbeat("r5")), StandardCharsets.UTF_8)
                .replace("heartbeat", "leave").getBytes(StandardCharsets.UTF_8);

        assertTrue(gate.admit(Kind.ANNOUNCE, stranger).isEmpty());
        assertTrue(gate.admit(Kind.ANNOUNCE, otherGroup).isEmpty());
        assertTrue(gate.admit(Kind.ANNOUNCE, changed).isEmpty());
        assertEquals(3, dropped.value("bad_signature"));
        assertFalse(logged.toString(StandardCharsets.UTF_8).contains(SECRET), "the secret is never logged");
    }

    @Test
    void anOldRecordIsDroppedEvenWhenItsIdWasForgotten() {
        byte[] old = codec.encode(heartbeat("r6"));
        clock.advance(ReplayGuard.WINDOW.plus(Duration.ofSeconds(1)));

        assertTrue(gate.admit(Kind.ANNOUNCE, old).isEmpty());
        assertEquals(1, dropped.value("stale"));
    }

    @Test
    void aRecordOnAnotherKindsTopicOrNotJsonIsMalformed() {
        assertTrue(gate.admit(Kind.MEMORY, codec.encode(heartbeat("r7"))).isEmpty());
        assertTrue(gate.admit(Kind.ANNOUNCE, "not json".getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertEquals(2, dropped.value("malformed"));
    }

    @Test
    void aRecordWhoseHandlingFailedIsAdmittedAgainWhenRedelivered() {
        byte[] value = codec.encode(heartbeat("r8"));
        Envelope e = gate.admit(Kind.ANNOUNCE, value).orElseThrow();

        gate.forget(e);

        assertEquals(e.toMap(), gate.admit(Kind.ANNOUNCE, value).orElseThrow().toMap());
        assertEquals(0, dropped.value("replayed"));
    }

    private Envelope heartbeat(String id) {
        return new Envelope(Kind.ANNOUNCE, id, "", "laptop", clock.instant(),
                JsonObject.of(Map.of("action", "heartbeat")));
    }
}
