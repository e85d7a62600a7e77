package gomikrobot.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.ConfigException;
import gomikrobot.config.PolicyConfig;
import gomikrobot.observe.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The policy engine with an owner to ask, and with tiers chosen in {@code tools.tiers}. */
class OwnerApprovalPolicyTest {
    private final List<String> recorded = new ArrayList<>();
    private final List<OwnerQuestion> asked = new ArrayList<>();

    /** Owner limit 1, strangers 0, approvals up to 2, answering every question with {@code answer}. */
    private PolicyEngine engine(OwnerAnswer answer, Map<String, Integer> tiers) {
        return engine(question -> {
            asked.add(question);
            return answer;
        }, tiers);
    }

    private PolicyEngine engine(OwnerApproval owner, Map<String, Integer> tiers) {
        PolicyConfig config = new PolicyConfig(1, 0, List.of(), List.of(), 2, Duration.ofMinutes(5));
        return new PolicyEngine(config, new ToolTiers(tiers), (req, d) -> recorded.add(req.tool() + " " + d.reason()),
                owner, Log.quiet());
    }

    private static PolicyRequest call(String tool, int tier, boolean internal) {
        return new PolicyRequest("trace-1", "task-1", tool, tier, internal ? "owner" : "4917612345678", "whatsapp",
                internal);
    }

    @Test
    void aStrangersCallAboveTheirTierIsPutToTheOwnerAndRunsWhenApproved() throws InterruptedException {
        PolicyEngine engine = engine(new OwnerAnswer.Approved("whatsapp"), Map.of());
        Decision d = engine.decide(call("exec", 2, false), Optional.empty(), "{\"command\":\"git pull\"}", "git pull");
        assertEquals(new Decision.Allow("approved_by_owner"), d);
        assertEquals(List.of(new OwnerQuestion(call("exec", 2, false), "{\"command\":\"git pull\"}", "git pull")), asked);
        assertEquals(List.of("exec approved_by_owner"), recorded, "one row per call: the final decision");
    }

    @Test
    void deniedAndTimedOutCallsTellTheModelWhatHappened() throws InterruptedException {
        Decision denied = engine(new OwnerAnswer.Denied("dashboard"), Map.of()).decide(call("write_file", 1, false));
        Decision late = engine(new OwnerAnswer.TimedOut(Duration.ofMinutes(5)), Map.of()).decide(call("exec", 2, true));
        assertEquals("denied_by_owner", denied.reason());
        assertTrue(((Decision.Deny) denied).explained().contains("the owner declined this call"), denied.toString());
        assertEquals("approval_timeout", late.reason());
        assertTrue(((Decision.Deny) late).explained().contains("did not answer within 5 min"), late.toString());
        assertEquals(List.of("write_file denied_by_owner", "exec approval_timeout"), recorded);
    }

    @Test
    void callsWithinTheSendersTierOrAboveMaxApprovalTierAreNeverPutToTheOwner() throws InterruptedException {
        PolicyEngine engine = engine(new OwnerAnswer.Approved("whatsapp"), Map.of("exec", 3));
        assertEquals(new Decision.Allow("tier_1_auto_approved"), engine.decide(call("write_file", 1, true)));
        assertEquals(new Decision.Deny("tier_3_above_max_approval_tier"), engine.decide(call("exec", 3, true)));
        assertEquals(new Decision.Deny("tier_3_denied_for_external_message"), engine.decide(call("exec", 3, false)));
        assertEquals(List.of(), asked);
    }

    @Test
    void aCallTheToolRefusesIsDeniedWithoutAskingTheOwner() throws InterruptedException {
        PolicyEngine engine = engine(new OwnerAnswer.Approved("whatsapp"), Map.of());
        Decision d = engine.decide(call("exec", 2, false), Optional.of("blocked_command: rm_recursive_force"),
                "{\"command\":\"rm -rf /\"}", "rm -rf /");
        assertEquals(new Decision.Deny("blocked_command: rm_recursive_force"), d);
        assertEquals(List.of(), asked);
    }

    @Test
    void withNobodyToAskTheOriginalReasonsStand() throws InterruptedException {
        PolicyEngine engine = engine(OwnerApproval.NOBODY, Map.of());
        assertEquals(new Decision.Deny("tier_2_requires_approval"), engine.decide(call("exec", 2, true)));
        assertEquals(new Decision.Deny("tier_1_denied_for_external_message"), engine.decide(call("edit_file", 1, false)));
    }

    @Test
    void aWaitCutShortIsRecordedAsInterruptedAndThrown() {
        PolicyEngine engine = engine(question -> {
            throw new InterruptedException("stopping");
        }, Map.of());
        assertThrows(InterruptedException.class, () -> engine.decide(call("exec", 2, true)));
        assertEquals(List.of("exec approval_interrupted"), recorded);
    }

    @Test
    void toolsTiersReplaceAToolsOwnTier() {
        PolicyEngine engine = engine(new OwnerAnswer.Approved("whatsapp"), Map.of("exec", 3, "read_file", 0));
        assertEquals(3, engine.tierOf("exec", 2));
        assertEquals(0, engine.tierOf("read_file", 0));
        assertEquals(1, engine.tierOf("write_file", 1));
    }

    @Test
    void toolsTiersNamingNoToolIsAConfigErrorNamingTheKey() {
        ToolTiers tiers = new ToolTiers(Map.of("exce", 3));
        ConfigException e = assertThrows(ConfigException.class,
                () -> tiers.requireKnown(Set.of("exec", "read_file"), Set.of()));
        assertTrue(e.getMessage().startsWith("config error: tools.tiers.exce: there is no tool named \"exce\""
                + " (tools: exec, read_file;"), e.getMessage());
    }

    @Test
    void mcpToolNamesAreAcceptedForConfiguredServersOnly() {
        ToolTiers tiers = new ToolTiers(Map.of("mcp_files_read", 0));
        tiers.requireKnown(Set.of("exec"), Set.of("files"));
        assertThrows(ConfigException.class, () -> tiers.requireKnown(Set.of("exec"), Set.of("github")));
        assertThrows(ConfigException.class,
                () -> new ToolTiers(Map.of("mcp_files_", 0)).requireKnown(Set.of(), Set.of("files")));
    }
}
