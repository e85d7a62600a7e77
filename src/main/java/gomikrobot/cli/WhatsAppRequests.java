package gomikrobot.cli;

import gomikrobot.channels.access.AccessLists;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code whatsapp-auth --list / --approve / --deny}: the pending requests and the allow and deny lists as the
 * owner reads and changes them. Works on the settings table only (no network); a running gateway applies a
 * change from the next message on, because the channel reads the lists for every message.
 */
final class WhatsAppRequests {
    private final AccessLists lists;
    private final List<String> configAllowFrom;
    private final PrintStream out;

    WhatsAppRequests(AccessLists lists, List<String> configAllowFrom, PrintStream out) {
        this.lists = lists;
        this.configAllowFrom = List.copyOf(configAllowFrom);
        this.out = out;
    }

    void list() {
        List<String> pending = lists.pending();
        if (pending.isEmpty()) {
            out.println("No pending requests.");
        } else {
            out.println("Pending requests (" + pending.size() + "), senders who sent the pairing token:");
            pending.forEach(user -> out.println("  " + user));
            out.println("Approve with `gomikrobot whatsapp-auth --approve NUMBER`, refuse with --deny NUMBER.");
        }
        out.println("Allowlist: " + describe(lists.allowed())
                + (configAllowFrom.isEmpty() ? "" : "; config allowFrom: " + describe(configAllowFrom)));
        out.println("Denylist: " + describe(lists.denied()));
        if (lists.pairToken().isEmpty()) {
            out.println("No pairing token is set, so unknown senders cannot ask for access"
                    + " (set one with `gomikrobot whatsapp-setup --pair-token TOKEN`).");
        }
    }

    void approve(String numberOrJid) {
        AccessLists.Move move = lists.approve(numberOrJid);
        report(move, "allowlist", "denylist", "may now talk to the agent");
    }

    void deny(String numberOrJid) {
        AccessLists.Move move = lists.deny(numberOrJid);
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
