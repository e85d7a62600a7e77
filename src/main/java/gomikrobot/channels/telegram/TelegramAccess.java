package gomikrobot.channels.telegram;

import gomikrobot.channels.access.AccessLists;
import gomikrobot.channels.access.AccessSettings;
import gomikrobot.channels.access.ChannelAccess;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Telegram's access model: the {@code telegram_*} settings rows, and how people are written in them: a numeric
 * user id ({@code 123456789}, which never changes) or a username ({@code @alice}, which its owner can change or
 * give up: an id is the safer entry). Both compare in normal form: the id's digits, or {@code @} and the username
 * in lower case ({@code Alice} and {@code @alice} name the same user).
 */
public final class TelegramAccess {
    public static final ChannelAccess RULES = new ChannelAccess("telegram", TelegramAccess::normalise,
            TelegramAccess::parse);

    private static final Pattern ID = Pattern.compile("[0-9]{1,16}");
    private static final Pattern USERNAME = Pattern.compile("@?[A-Za-z][A-Za-z0-9_]{3,31}");
    private static final Pattern LOOSE_USERNAME = Pattern.compile("@?[A-Za-z0-9_]{1,64}");

    private TelegramAccess() {
    }

    /** The owner's view of the lists: {@code telegram-auth --list/--approve/--deny}, the setup's pairing token. */
    public static AccessLists lists(AccessSettings settings) {
        return new AccessLists(settings, RULES);
    }

    /** The normal form of a stored entry or a sender's name; "" when it names nobody. Never throws. */
    static String normalise(String text) {
        String t = text.strip();
        if (ID.matcher(t).matches()) {
            long id = Long.parseLong(t);
            return id > 0 ? Long.toString(id) : "";
        }
        if (LOOSE_USERNAME.matcher(t).matches()) {
            return "@" + (t.startsWith("@") ? t.substring(1) : t).toLowerCase(Locale.ROOT);
        }
        return "";
    }

    /**
     * What the owner typed as a user id or username, in normal form.
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static String parse(String typed) {
        String t = typed == null ? "" : typed.strip();
        if ((ID.matcher(t).matches() && Long.parseLong(t) > 0) || USERNAME.matcher(t).matches()) {
            return normalise(t);
        }
        throw new IllegalArgumentException("not a Telegram user id or username: \"" + t
                + "\" (expected e.g. 123456789 or @alice; `/start` to the bot tells a user their id)");
    }
}
