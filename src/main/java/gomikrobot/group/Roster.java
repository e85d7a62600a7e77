package gomikrobot.group;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members this member has heard from, with their last card and when it came. A member is {@code online}
 * while its last card is younger than {@value #MISSED_BEATS} of its own heartbeat intervals, then
 * {@code offline}; a member that announced its leave is dropped. Chooses where a delegated task goes: never to
 * this member itself, never to one offline. Thread-safe.
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
     * The member a task for {@code target} goes to, or why there is none. Among several with the tool (or any
     * other online member) the one heard from most recently is chosen.
     */
    Choice choose(Target target, String self) {
        Instant now = clock.instant();
        List<Seen> others = members.values().stream()
                .filter(s -> !s.card().agentId().equals(self) && isOnline(s, now))
                .sorted(Comparator.comparing(Seen::at).reversed())
                .toList();
        return switch (target) {
            case Target.Named named -> named.agentId().equals(self)
                    ? new Choice.None("a task cannot be delegated to this member itself (" + self + ")")
                    : others.stream().filter(s -> s.card().agentId().equals(named.agentId())).findFirst()
                            .<Choice>map(s -> new Choice.To(s.card().agentId()))
                            .orElseGet(() -> new Choice.None("member " + named.agentId() + " is not online"
                                    + onlineList(others)));
            case Target.WithTool withTool -> others.stream()
                    .filter(s -> s.card().tools().contains(withTool.tool())).findFirst()
                    .<Choice>map(s -> new Choice.To(s.card().agentId()))
                    .orElseGet(() -> new Choice.None("no other online member has the tool " + withTool.tool()
                            + onlineList(others)));
            case Target.Anyone anyone -> others.stream().findFirst()
                    .<Choice>map(s -> new Choice.To(s.card().agentId()))
                    .orElseGet(() -> new Choice.None("no other member is online"));
        };
    }

    Optional<MemberCard> card(String agentId) {
        return Optional.ofNullable(members.get(agentId)).map(Seen::card);
    }

    /** Where a task goes, or why nowhere. */
    sealed interface Choice {
        record To(String agentId) implements Choice {
        }

        record None(String why) implements Choice {
        }
    }

    private static boolean isOnline(Seen s, Instant now) {
        return s.at().plus(s.card().heartbeat().multipliedBy(MISSED_BEATS)).isAfter(now);
    }

    private static String onlineList(List<Seen> others) {
        return others.isEmpty() ? " (no other member is online)"
                : " (online: " + String.join(", ", others.stream().map(s -> s.card().agentId()).toList()) + ")";
    }
}
