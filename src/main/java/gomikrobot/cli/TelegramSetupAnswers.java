package gomikrobot.cli;

import gomikrobot.channels.telegram.TelegramAccess;
import gomikrobot.config.TelegramConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code channels.telegram} keys of {@code config.json} that {@code telegram-setup} sets, read from the
 * file's document and written back into it. {@code allowFrom} holds entries in the channel's normal form
 * ({@link TelegramAccess#parse}). {@code token} is a secret: it is never part of {@link #toString()}.
 */
record TelegramSetupAnswers(boolean enabled, String token, String apiBase, long ownerId, List<String> allowFrom,
                            boolean dropUnauthorized, String groups) {
    private static final String SECTION = "channels.telegram";

    TelegramSetupAnswers {
        token = token == null ? "" : token.strip();
        apiBase = apiBase == null || apiBase.isBlank() ? TelegramConfig.DEFAULT_API_BASE : apiBase.strip();
        allowFrom = List.copyOf(allowFrom);
        groups = parseGroups(groups == null || groups.isBlank() ? "off" : groups);
    }

    /** The file's current values; a key that is missing or of the wrong type reads as its default. */
    static TelegramSetupAnswers current(Map<String, Object> doc) {
        ConfigSection tg = new ConfigSection(doc, SECTION);
        return new TelegramSetupAnswers(tg.bool("enabled"), tg.string("token"), tg.string("apiBase"),
                Math.max(0, tg.number("ownerId")), tg.strings("allowFrom"), tg.bool("dropUnauthorized"),
                tg.string("groups"));
    }

    void applyTo(Map<String, Object> doc) {
        ConfigSection tg = new ConfigSection(doc, SECTION);
        tg.set("enabled", enabled);
        tg.set("token", token);
        tg.set("apiBase", apiBase);
        tg.set("ownerId", ownerId);
        tg.set("allowFrom", new ArrayList<>(allowFrom));
        tg.set("dropUnauthorized", dropUnauthorized);
        tg.set("groups", groups);
    }

    TelegramSetupAnswers withToken(String newToken) {
        return new TelegramSetupAnswers(enabled, newToken, apiBase, ownerId, allowFrom, dropUnauthorized, groups);
    }

    /** A user id (digits), or blank/{@code none} for no owner (0). @throws IllegalArgumentException otherwise */
    static long parseOwnerId(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("none") || t.equals("0")) {
            return 0;
        }
        if (!t.matches("[0-9]{1,16}")) {
            throw new IllegalArgumentException("the owner id is your numeric Telegram user id (e.g. 123456789; "
                    + "send /start to the bot to see it), got \"" + t + "\"");
        }
        return Long.parseLong(t);
    }

    static String parseGroups(String text) {
        String g = text.strip().toLowerCase(Locale.ROOT);
        if (!g.equals("off") && !g.equals("mention")) {
            throw new IllegalArgumentException("groups must be off or mention, got " + text);
        }
        return g;
    }

    @Override
    public String toString() {
        return "TelegramSetupAnswers[enabled=" + enabled + ", token=" + (token.isEmpty() ? "(none)" : "(set)")
                + ", apiBase=" + apiBase + ", ownerId=" + ownerId + ", allowFrom=" + allowFrom
                + ", dropUnauthorized=" + dropUnauthorized + ", groups=" + groups + "]";
    }
}
