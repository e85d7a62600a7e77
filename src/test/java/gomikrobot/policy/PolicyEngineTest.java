package gomikrobot.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.PolicyConfig;
import gomikrobot.observe.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {
    private final List<String> recorded = new ArrayList<>();
    private final DecisionRecorder recorder = (req, d) -> recorded.add(req.tool() + "|" + req.sender() + "|" + d);

    private PolicyEngine engine(int maxAutoTier, int externalMaxTier, List<String> senders, List<String> denyTools) {
        return new PolicyEngine(new PolicyConfig(maxAutoTier, externalMaxTier, senders, denyTools), recorder);
    }

    private static PolicyRequest request(String tool, int tier, String sender, boolean internal) {
        return new PolicyRequest("trace-1", "task-1", tool, tier, sender, "whatsapp", internal);
    }

    @Test
    void refusesTierOneForExternalSender() throws InterruptedException {
        Decision d = engine(2, 0, List.of(), List.of()).decide(request("write_file", 1, "stranger", false));
        assertEquals(new Decision.Deny("tier_1_denied_for_external_message"), d);
    }

    @Test
    void allowsTierTwoForOwner() throws InterruptedException {
        Decision d = engine(2, 0, List.of(), List.of()).decide(request("exec", 2, "owner", true));
        assertEquals(new Decision.Allow("tier_2_auto_approved"), d);
    }

    @Test
    void alwaysAllowsTierZeroEvenForExternalSenders() throws InterruptedException {
        Decision d = engine(0, 0, List.of(), List.of()).decide(request("read_file", 0, "stranger", false));
        assertEquals(new Decision.Allow("tier_0_always_allowed"), d);
    }

    @Test
    void deniesOwnerAboveMaxAutoTierAsRequiringApproval() throws InterruptedException {
        Decision d = engine(1, 0, List.of(), List.of()).decide(request("exec", 2, "owner", true));
        assertEquals(new Decision.Deny("tier_2_requires_approval"), d);
    }

    @Test
    void raisedExternalMaxTierAutoApprovesExternalCalls() throws InterruptedException {
        Decision d = engine(2, 1, List.of(), List.of()).decide(request("edit_file", 1, "friend", false));
        assertEquals(new Decision.Allow("tier_1_auto_approved"), d);
    }

    @Test
    void deniesSenderNotOnAllowList() throws InterruptedException {
        PolicyEngine engine = engine(2, 0, List.of("alice@s.whatsapp.net"), List.of());
        assertEquals(new Decision.Deny("sender_not_authorized: mallory"),
                engine.decide(request("read_file", 0, "mallory", true)));
        assertEquals(new Decision.Allow("tier_0_always_allowed"),
                engine.decide(request("read_file", 0, "alice@s.whatsapp.net", true)));
    }

    @Test
    void allowListMatchesExactlyNotBySubstring() throws InterruptedException {
        PolicyEngine engine = engine(2, 0, List.of("alice"), List.of());
        assertInstanceOf(Decision.Deny.class, engine.decide(request("read_file", 0, "alice|mallory", true)));
        assertInstanceOf(Decision.Deny.class, engine.decide(request("read_file", 0, "Alice", true)));
        assertInstanceOf(Decision.Deny.class, engine.decide(request("read_file", 0, "", true)));
    }

    @Test
    void toolDeniedByConfigWinsOverEverything() throws InterruptedException {
        PolicyEngine engine = engine(2, 2, List.of("owner"), List.of("read_file"));
        assertEquals(new Decision.Deny("tool_denied_by_config"), engine.decide(request("read_file", 0, "owner", true)));
        assertEquals(new Decision.Deny("tool_denied_by_config"), engine.decide(request("read_file", 0, "other", true)));
    }

    @Test
    void everyDecisionReachesTheRecorder() throws InterruptedException {
        PolicyEngine engine = engine(2, 0, List.of(), List.of("exec"));
        engine.decide(request("read_file", 0, "a", false));
        engine.decide(request("write_file", 1, "b", false));
        engine.decide(request("exec", 2, "c", true));
        assertEquals(List.of(
                "read_file|a|Allow[reason=tier_0_always_allowed]",
                "write_file|b|Deny[reason=tier_1_denied_for_external_message, note=]",
                "exec|c|Deny[reason=tool_denied_by_config, note=]"), recorded);
    }

    @Test
    void recorderReceivesTraceTaskChannelAndTier() throws InterruptedException {
        List<PolicyRequest> seen = new ArrayList<>();
        new PolicyEngine(new PolicyConfig(2, 0, null, null), (req, d) -> seen.add(req))
                .decide(new PolicyRequest("trace-9", "task-9", "exec", 2, "me", "cli", true));
        assertEquals(List.of(new PolicyRequest("trace-9", "task-9", "exec", 2, "me", "cli", true)), seen);
    }

    @Test
    void failingRecorderIsLoggedAndDecisionStands() throws InterruptedException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Log log = new Log(Log.Level.INFO, false, new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), Set.of());
        PolicyEngine engine = new PolicyEngine(new PolicyConfig(2, 0, List.of(), List.of()),
                (req, d) -> { throw new IllegalStateException("database is locked"); }, log);
        assertEquals(new Decision.Allow("tier_2_auto_approved"), engine.decide(request("exec", 2, "me", true)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("database is locked"));
    }

    @Test
    void rejectsNegativeTiersInConfig() {
        assertThrows(IllegalArgumentException.class, () -> engine(-1, 0, List.of(), List.of()));
    }

    @Test
    void requestRejectsMissingToolName() {
        assertThrows(IllegalArgumentException.class, () -> request(" ", 0, "a", true));
    }
}
