package gomikrobot.channels.access;

import gomikrobot.json.Json;
import gomikrobot.timeline.SettingsList;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the {@link AccessPolicy} built from a channel's current settings rows (list format of
 * {@link SettingsList}) and config {@code allowFrom}, and keeps the pending list: a sender who submits the
 * pairing token is added once, in arrival order.
 */
public final class AccessControl {
    private final AccessSettings settings;
    private final ChannelAccess access;
    private final List<String> allowFrom;

    public AccessControl(AccessSettings settings, ChannelAccess access, List<String> allowFrom) {
        this.settings = settings;
        this.access = access;
        this.allowFrom = List.copyOf(allowFrom);
    }

    /** The verdict for a sender known by one name, as the channel writes it. */
    public AccessPolicy.Verdict check(String sender, String text) {
        return check(List.of(sender), text);
    }

    /** The verdict for a sender known by these names (the first goes on the pending list). */
    public AccessPolicy.Verdict check(List<String> senderNames, String text) {
        List<String> allowed = new ArrayList<>(allowFrom);
        allowed.addAll(SettingsList.parseList(settings.get(access.allowlistKey())));
        AccessPolicy policy = AccessPolicy.of(access.normalise(), allowed,
                SettingsList.parseList(settings.get(access.denylistKey())), settings.get(access.pairTokenKey()));
        AccessPolicy.Verdict verdict = policy.decide(senderNames.stream().map(access::user).toList(), text);
        if (verdict instanceof AccessPolicy.Verdict.TokenSubmitted submitted) {
            addPending(submitted.user());
        }
        return verdict;
    }

    // synchronized: two token messages arriving together must not drop one of the two writes
    private synchronized void addPending(String user) {
        List<String> pending = new ArrayList<>(SettingsList.parseList(settings.get(access.pendingKey())));
        boolean known = pending.stream().anyMatch(entry -> access.user(entry).equals(user));
        if (!known) {
            pending.add(user);
            // a JSON array, as the original channel wrote it (API-CONTRACT §8)
            settings.put(access.pendingKey(), Json.write(pending));
        }
    }
}
