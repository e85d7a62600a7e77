package gomikrobot.channels.whatsapp;

import gomikrobot.json.Json;
import gomikrobot.timeline.SettingsList;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the {@link AccessPolicy} built from the current settings rows (list format of {@link SettingsList})
 * and config {@code allowFrom}, and keeps the pending list: a sender who submits the pairing token is added once, in arrival order.
 */
final class AccessControl {
    static final String ALLOWLIST = "whatsapp_allowlist";
    static final String DENYLIST = "whatsapp_denylist";
    static final String PENDING = "whatsapp_pending";
    static final String PAIR_TOKEN = "whatsapp_pair_token";

    private final AccessSettings settings;
    private final List<String> allowFrom;

    AccessControl(AccessSettings settings, List<String> allowFrom) {
        this.settings = settings;
        this.allowFrom = List.copyOf(allowFrom);
    }

    AccessPolicy.Verdict check(String sender, String text) {
        List<String> allowed = new ArrayList<>(allowFrom);
        allowed.addAll(SettingsList.parseList(settings.get(ALLOWLIST)));
        AccessPolicy policy = AccessPolicy.of(allowed, SettingsList.parseList(settings.get(DENYLIST)),
                settings.get(PAIR_TOKEN));
        AccessPolicy.Verdict verdict = policy.decide(sender, text);
        if (verdict instanceof AccessPolicy.Verdict.TokenSubmitted submitted) {
            addPending(submitted.user());
        }
        return verdict;
    }

    // synchronized: two token messages arriving together must not drop one of the two writes
    private synchronized void addPending(String user) {
        List<String> pending = new ArrayList<>(SettingsList.parseList(settings.get(PENDING)));
        boolean known = pending.stream().anyMatch(entry -> JidText.user(entry).equals(user));
        if (!known) {
            pending.add(user);
            // a JSON array, as the original channel wrote it (API-CONTRACT §8)
            settings.put(PENDING, Json.write(pending));
        }
    }
}
