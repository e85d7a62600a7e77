package gomikrobot.channels.access;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Who may talk to the agent over a channel. Precedence, in one sentence: the denylist always wins, then the
 * allowlist (settings row plus config {@code allowFrom}) admits, then an unknown sender whose message carries
 * the pairing token is put on the pending list, and everyone else is refused; an empty allowlist admits
 * nobody. Entries and senders are compared in the channel's normal form ({@link ChannelAccess#normalise}), so
 * the ways of writing one person match each other. A sender may be known under several names (a Telegram user
 * id and an @username): one listed name is enough to match, and the first is the one put on the pending list.
 */
public record AccessPolicy(Set<String> allowed, Set<String> denied, String pairToken) {

    public AccessPolicy {
        allowed = Set.copyOf(allowed);
        denied = Set.copyOf(denied);
        pairToken = pairToken == null ? "" : pairToken.strip();
    }

    /** The policy over raw entries, each normalised by {@code normalise}; entries naming nobody are dropped. */
    public static AccessPolicy of(UnaryOperator<String> normalise, Collection<String> allowed,
                                  Collection<String> denied, String pairToken) {
        return new AccessPolicy(normalised(normalise, allowed), normalised(normalise, denied), pairToken);
    }

    /** @param senders the sender's names in normal form, the one to put on the pending list first */
    public Verdict decide(List<String> senders, String text) {
        List<String> names = senders.stream().filter(s -> s != null && !s.isEmpty()).toList();
        if (names.isEmpty()) {
            return new Verdict.Refused("no sender");
        }
        if (names.stream().anyMatch(denied::contains)) {
            return new Verdict.Refused("denylisted");
        }
        if (names.stream().anyMatch(allowed::contains)) {
            return new Verdict.Admitted();
        }
        if (!pairToken.isEmpty() && text != null && text.contains(pairToken)) {
            return new Verdict.TokenSubmitted(names.getFirst());
        }
        return new Verdict.Refused("not on allowlist");
    }

    private static Set<String> normalised(UnaryOperator<String> normalise, Collection<String> entries) {
        return entries.stream().map(normalise).filter(u -> u != null && !u.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The outcome for one inbound message. */
    public sealed interface Verdict {
        /** On the allowlist and not denied: the message goes to the agent. */
        record Admitted() implements Verdict {
        }

        /** Unknown, carrying the pairing token: {@code user} joins the pending list, the message stops here. */
        record TokenSubmitted(String user) implements Verdict {
        }

        /** Denied or unknown: recorded as unauthorized at most. */
        record Refused(String reason) implements Verdict {
        }
    }
}
