package gomikrobot.channels.whatsapp;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may talk to the agent over WhatsApp. Precedence, in one sentence: the denylist always wins, then the
 * allowlist (settings row plus config {@code allowFrom}) admits, then an unknown sender whose message carries
 * the pairing token is put on the pending list, and everyone else is refused; an empty allowlist admits
 * nobody. Entries and senders are compared by JID user part ({@link JidText#user}), so a bare number and a
 * full JID match each other.
 */
record AccessPolicy(Set<String> allowed, Set<String> denied, String pairToken) {

    AccessPolicy {
        allowed = normalise(allowed);
        denied = normalise(denied);
        pairToken = pairToken == null ? "" : pairToken.strip();
    }

    static AccessPolicy of(Collection<String> allowed, Collection<String> denied, String pairToken) {
        return new AccessPolicy(Set.copyOf(allowed), Set.copyOf(denied), pairToken);
    }

    Verdict decide(String sender, String text) {
        String user = JidText.user(sender);
        if (user.isEmpty()) {
            return new Verdict.Refused("no sender");
        }
        if (denied.contains(user)) {
            return new Verdict.Refused("denylisted");
        }
        if (allowed.contains(user)) {
            return new Verdict.Admitted();
        }
        if (!pairToken.isEmpty() && text != null && text.contains(pairToken)) {
            return new Verdict.TokenSubmitted(user);
        }
        return new Verdict.Refused("not on allowlist");
    }

    private static Set<String> normalise(Set<String> entries) {
        return entries.stream().map(JidText::user).filter(u -> !u.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** The outcome for one inbound message. */
    sealed interface Verdict {
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
