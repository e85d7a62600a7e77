package gomikrobot.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who is online (3 missed heartbeats make a member offline) and where a delegated task goes, on a hand-moved clock. */
class RosterTest {
    private static final Duration BEAT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock("2026-03-01T10:00:00Z");
    private final Roster roster = new Roster(clock);

    @Test
    void aMemberIsOnlineUntilThreeOfItsIntervalsPassWithoutACard() {
        roster.seen(card("laptop", List.of()));

        clock.advance(BEAT.multipliedBy(3).minusMillis(1));
        assertEquals(Roster.ONLINE, status("laptop"));

        clock.advance(Duration.ofMillis(1));
        assertEquals(Roster.OFFLINE, status("laptop"));
        assertEquals(0, roster.onlineCount());

        roster.seen(card("laptop", List.of()));
        assertEquals(Roster.ONLINE, status("laptop"), "a heartbeat brings it back");
    }

    @Test
    void aMemberThatLeftIsGoneAndOnlineMembersComeFirst() {
        roster.seen(card("a-old", List.of()));
        clock.advance(BEAT.multipliedBy(4));
        roster.seen(card("z-new", List.of()));
        roster.seen(card("gone", List.of()));
        roster.seen(card("gone", List.of()).withStatus(MemberCard.LEFT));

        assertEquals(List.of("z-new", "a-old"), roster.members().stream().map(m -> m.card().agentId()).toList());
    }

    @Test
    void aTaskForAToolGoesToAnOnlineMemberThatHasIt() {
        roster.seen(card("vm", List.of("exec")));
        roster.seen(card("nas", List.of("read_file")));
        roster.seen(card("old", List.of("git")));
        clock.advance(BEAT.multipliedBy(2));
        roster.seen(card("vm", List.of("exec")));
        roster.seen(card("nas", List.of("read_file")));
        clock.advance(BEAT.multipliedBy(2)); // "old" has missed three beats now

        assertEquals(new Roster.Choice.To("nas"), roster.choose(new Target.WithTool("read_file"), "home", ""));
        assertTrue(roster.choose(new Target.WithTool("git"), "home", "") instanceof Roster.Choice.None,
                "an offline member is never chosen");
        assertTrue(roster.choose(new Target.Named("old"), "home", "") instanceof Roster.Choice.None);
    }

    @Test
    void aTaskNeverGoesBackToItsSubmitterOrToTheMemberThatAskedForTheWork() {
        roster.seen(card("home", List.of("exec")));
        roster.seen(card("laptop", List.of("exec")));

        assertEquals(new Roster.Choice.None("no other member is online"),
                roster.choose(new Target.Anyone(), "home", "laptop"));
        assertTrue(roster.choose(new Target.WithTool("exec"), "home", "laptop") instanceof Roster.Choice.None);
        assertTrue(roster.choose(new Target.Named("home"), "home", "") instanceof Roster.Choice.None);
        assertTrue(roster.choose(new Target.Named("laptop"), "home", "laptop") instanceof Roster.Choice.None);

        roster.seen(card("vm", List.of()));
        assertEquals(new Roster.Choice.To("vm"), roster.choose(new Target.Anyone(), "home", "laptop"));
        assertEquals(new Roster.Choice.To("laptop"), roster.choose(new Target.Named("laptop"), "home", ""));
    }

    @Test
    void theMostRecentlyHeardMemberIsChosenAmongSeveral() {
        roster.seen(card("vm", List.of("exec")));
        clock.advance(Duration.ofSeconds(1));
        roster.seen(card("nas", List.of("exec")));

        assertEquals(new Roster.Choice.To("nas"), roster.choose(new Target.WithTool("exec"), "home", ""));
    }

    private String status(String agentId) {
        return roster.members().stream().filter(m -> m.card().agentId().equals(agentId)).findFirst().orElseThrow()
                .status();
    }

    private static MemberCard card(String agentId, List<String> tools) {
        return new MemberCard(agentId, agentId, "test-model", tools, List.of("local"), MemberCard.ACTIVE, BEAT);
    }
}
