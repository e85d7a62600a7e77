package gomikrobot.group;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The members this member has heard from, with their last card and when it came. A member is {@code online}
 * while its last card is younger than {@value #MISSED_BEATS} of its own heartbeat intervals, then
 * {@code offline}; a member that announced its leave is dropped. Chooses where a delegated task goes: never to
 * this member itself or back to the one that asked, never to one offline. Thread-safe.
 */
final class Roster {
    static final int MISSED_BEATS = 3;
    static final String ONLINE = "online";
    static final String OFFLINE = "offline";

    private final Clock clock;
    private final Map<String, Seen> members = new ConcurrentHashMap<>();

    /** A member's last card and when it arrived. */
    record Seen(MemberCard card, Instant at) {
    }

    /** A member as the roster shows it now. */
    record Member(MemberCard card, Instant lastSeen, String status) {
    }

    Roster(Clock clock) {
        this.clock = clock;
    }

    void seen(MemberCard card) {
        if (card.status().equals(MemberCard.LEFT)) {
            members.remove(card.agentId());
        } else {
            members.put(card.agentId(), new Seen(card, clock.instant()));
        }
    }

    void clear() {
        members.clear();
    }

    /** Every member, online first, then by id. */
    List<Member> members() {
        Instant now = clock.instant();
        return members.values().stream()
                .map(s -> new Member(s.card(), s.at(), isOnline(s, now) ? ONLINE : OFFLINE))
                .sorted(Comparator.comparing((Member m) -> !m.status().equals(ONLINE))
                        .thenComparing(m -> m.card().agentId()))
                .toList();
    }

    long onlineCount() {
        return members().stream().filter(m -> m.status().equals(ONLINE)).count();
    }

    /**
     * The member a task for {@code target} goes to, or why there is none: never this member itself, never
     * {@code askedBy} (the member whose task this one serves, "" when none), so work never goes back where it
     * came from. Among several with the tool (or any other online member) the one heard from last is chosen.
     */
    Choice choose(Target target, String self, String askedBy) {
        Instant now = clock.instant();
        List<Seen> others = members.values().stream()
                .filter(s -> !s.card().agentId().equals(self) && !s.card().agentId().equals(askedBy) && isOnline(s, now))
                .sorted(Comparator.comparing(Seen::at).reversed())
                .toList();
        return switch (target) {
            case Target.Named named when named.agentId().equals(self) ->
                    new Choice.None("a task cannot be delegated to this member itself (" + self + ")");
            case Target.Named named when named.agentId().equals(askedBy) ->
                    new Choice.None("a task cannot go back to the member that asked for it (" + askedBy + ")");
            case Target.Named named -> first(others, s -> s.card().agentId().equals(named.agentId()),
                    "member " + named.agentId() + " is not online" + onlineList(others));
            case Target.WithTool withTool -> first(others, s -> s.card().tools().contains(withTool.tool()),
                    "no other online member has the tool " + withTool.tool() + onlineList(others));
            case Target.Anyone anyone -> first(others, s -> true, "no other member is online");
        };
    }

    /** Where a task goes, or why nowhere. */
    sealed interface Choice {
        record To(String agentId) implements Choice {
        }

        record None(String why) implements Choice {
        }
    }

    private static Choice first(List<Seen> candidates, Predicate<Seen> fits, String otherwise) {
        return candidates.stream().filter(fits).findFirst().<Choice>map(s -> new Choice.To(s.card().agentId()))
                .orElseGet(() -> new Choice.None(otherwise));
    }

    private static boolean isOnline(Seen s, Instant now) {
        return s.at().plus(s.card().heartbeat().multipliedBy(MISSED_BEATS)).isAfter(now);
    }

    private static String onlineList(List<Seen> others) {
        return others.isEmpty() ? " (no other member is online)"
                : " (online: " + String.join(", ", others.stream().map(s -> s.card().agentId()).toList()) + ")";
    }
}
