package gomikrobot.channels.access;

import gomikrobot.json.Json;
import gomikrobot.timeline.SettingsList;
import java.util.ArrayList;
import java.util.List;

/**
 * The owner's view of the access rows a channel reads: who asked to talk (pending: senders who sent the
 * pairing token), who may (allowlist) and who may not (denylist). Approving or denying moves one user onto a
 * list and off the pending list and the opposite list, so a user is on at most one of them. Entries are
 * compared and stored in the channel's normal form ({@link ChannelAccess}), like the channel compares them; the
 * allow and deny lists are written one per line (the dashboard's form), pending as a JSON array (the channel's
 * form).
 */
public final class AccessLists {
    private static final int MIN_TOKEN = 6;
    private static final int MAX_TOKEN = 128;

    private final AccessSettings settings;
    private final ChannelAccess access;

    public AccessLists(AccessSettings settings, ChannelAccess access) {
        this.settings = settings;
        this.access = access;
    }

    /** What approving or denying changed. */
    public record Move(String user, boolean wasPending, boolean leftOtherList, boolean alreadyListed) {
    }

    public List<String> pending() {
        return read(access.pendingKey());
    }

    public List<String> allowed() {
        return read(access.allowlistKey());
    }

    public List<String> denied() {
        return read(access.denylistKey());
    }

    /** The pairing token; "" when none is set (then unknown senders cannot ask for access). */
    public String pairToken() {
        return settings.get(access.pairTokenKey()).strip();
    }

    /**
     * Sets the pairing token an unknown sender includes in a message to be put on the pending list; blank
     * clears it.
     *
     * @throws IllegalArgumentException when the token is shorter than 6 or longer than 128 characters or has
     *                                  white space (a message must be able to carry it as one word)
     */
    public void setPairToken(String token) {
        settings.put(access.pairTokenKey(), checkPairToken(token));
    }

    /** The token as it would be stored (stripped; "" clears), or the reason it cannot be one. */
    public static String checkPairToken(String token) {
        String value = token == null ? "" : token.strip();
        if (!value.isEmpty() && (value.length() < MIN_TOKEN || value.length() > MAX_TOKEN
                || value.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("the pairing token must be " + MIN_TOKEN + " to " + MAX_TOKEN
                    + " characters without spaces");
        }
        return value;
    }

    /** @throws IllegalArgumentException when the text names nobody in the channel's terms */
    public Move approve(String typed) {
        return move(access.parse().apply(typed), access.allowlistKey(), access.denylistKey());
    }

    /** @throws IllegalArgumentException when the text names nobody in the channel's terms */
    public Move deny(String typed) {
        return move(access.parse().apply(typed), access.denylistKey(), access.allowlistKey());
    }

    private Move move(String user, String target, String opposite) {
        boolean wasPending = remove(access.pendingKey(), user);
        boolean leftOther = remove(opposite, user);
        List<String> onTarget = new ArrayList<>(read(target));
        boolean already = onTarget.stream().anyMatch(e -> access.user(e).equals(user));
        if (!already) {
            onTarget.add(user);
            settings.put(target, SettingsList.formatList(onTarget));
        }
        return new Move(user, wasPending, leftOther, already);
    }

    /** Removes every entry naming {@code user}; true when there was one. */
    private boolean remove(String key, String user) {
        List<String> entries = read(key);
        List<String> kept = entries.stream().filter(e -> !access.user(e).equals(user)).toList();
        if (kept.size() == entries.size()) {
            return false;
        }
        settings.put(key, key.equals(access.pendingKey()) ? Json.write(kept) : SettingsList.formatList(kept));
        return true;
    }

    private List<String> read(String key) {
        return SettingsList.parseList(settings.get(key));
    }
}
