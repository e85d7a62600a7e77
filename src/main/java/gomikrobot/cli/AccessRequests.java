package gomikrobot.cli;

import gomikrobot.channels.access.AccessLists;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code whatsapp-auth} and {@code telegram-auth} {@code --list / --approve / --deny}: a channel's pending
 * requests and allow and deny lists as the owner reads and changes them. Works on the settings table only (no
 * network); a running gateway applies a change from the next message on, because the channel reads the lists
 * for every message.
 */
final class AccessRequests {
    private final AccessLists lists;
    private final List<String> configAllowFrom;
    private final String channel;
    private final String user;
    private final PrintStream out;

    /**
     * @param channel the channel's name in commands ({@code whatsapp}, {@code telegram})
     * @param user    what the commands take, as their usage writes it ({@code NUMBER}, {@code ID})
     */
    AccessRequests(AccessLists lists, List<String> configAllowFrom, String channel, String user, PrintStream out) {
        this.lists = lists;
        this.configAllowFrom = List.copyOf(configAllowFrom);
        this.channel = channel;
        this.user = user;
        this.out = out;
    }

    /** What the options ask for: {@code --approve}, else {@code --deny}, else the lists. */
    void perform(Optional<String> approve, Optional<String> deny) {
        approve.ifPresentOrElse(this::approve, () -> deny.ifPresentOrElse(this::deny, this::list));
    }

    void list() {
        List<String> pending = lists.pending();
        if (pending.isEmpty()) {
            out.println("No pending requests.");
        } else {
            out.println("Pending requests (" + pending.size() + "), senders who sent the pairing token:");
            pending.forEach(entry -> out.println("  " + entry));
            out.println("Approve with `gomikrobot " + channel + "-auth --approve " + user + "`, refuse with --deny "
                    + user + ".");
        }
        out.println("Allowlist: " + describe(lists.allowed())
                + (configAllowFrom.isEmpty() ? "" : "; config allowFrom: " + describe(configAllowFrom)));
        out.println("Denylist: " + describe(lists.denied()));
        if (lists.pairToken().isEmpty()) {
            out.println("No pairing token is set, so unknown senders cannot ask for access"
                    + " (set one with `gomikrobot " + channel + "-setup --pair-token TOKEN`).");
        }
    }

    void approve(String typed) {
        AccessLists.Move move = lists.approve(typed);
        report(move, "allowlist", "denylist", "may now talk to the agent");
    }

    void deny(String typed) {
        AccessLists.Move move = lists.deny(typed);
        report(move, "denylist", "allowlist", "is refused from now on");
    }

    private void report(AccessLists.Move move, String target, String other, String effect) {
        StringBuilder line = new StringBuilder(move.user());
        if (move.alreadyListed()) {
            line.append(" was already on the ").append(target);
        } else {
            line.append(move.wasPending() ? " moved from pending to the " : " added to the ").append(target);
        }
        if (move.leftOtherList()) {
            line.append(", removed from the ").append(other);
        }
        if (move.alreadyListed() && move.wasPending()) {
            line.append(", removed from pending");
        }
        out.println(line.append("; ").append(move.user()).append(' ').append(effect).append('.'));
    }

    private static String describe(List<String> entries) {
        return entries.isEmpty() ? "(empty)" : String.join(", ", entries);
    }
}
