package gomikrobot.channels.whatsapp;

import java.util.Locale;

/**
 * The one place WhatsApp addresses are compared. A person is identified by the user part of a JID: the same
 * number may be written {@code 4915112345678}, {@code +49 151 12345678}, {@code 4915112345678@s.whatsapp.net}
 * or, from a linked device, {@code 4915112345678:12@s.whatsapp.net}; all of these name one user. A LID
 * (WhatsApp's private id for a person, {@code 123456789012345@lid}) is no phone number: it keeps its
 * {@code @lid}, so it can never match a number that happens to have the same digits.
 */
final class JidText {
    static final String USER_SERVER = "s.whatsapp.net";
    static final String GROUP_SERVER = "g.us";
    private static final String LEGACY_USER_SERVER = "c.us";
    static final String LID_SUFFIX = "@lid";

    private JidText() {
    }

    /**
     * The user part: no server, no device or agent suffix, no '+' or spaces; lower case; {@code …@lid} for a LID.
     * Empty for blank input.
     */
    static String user(String jidOrNumber) {
        if (jidOrNumber == null) {
            return "";
        }
        String text = jidOrNumber.strip().toLowerCase(Locale.ROOT);
        int at = text.indexOf('@');
        boolean lid = at >= 0 && text.substring(at).equals(LID_SUFFIX);
        if (at >= 0) {
            text = text.substring(0, at);
        }
        for (char suffix : new char[]{':', '_'}) {
            int start = text.indexOf(suffix);
            if (start >= 0) {
                text = text.substring(0, start);
            }
        }
        StringBuilder user = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')') {
                user.append(c);
            }
        }
        return lid && !user.isEmpty() ? user + LID_SUFFIX : user.toString();
    }

    /** True for a group chat ({@code …@g.us}). */
    static boolean isGroup(String jid) {
        return jid != null && jid.strip().toLowerCase(Locale.ROOT).endsWith("@" + GROUP_SERVER);
    }

    /**
     * A full chat JID for an outbound address, the form WhatsApp expects: a bare number gets
     * {@code @s.whatsapp.net}; spaces, a leading '+' and a device suffix ({@code :12}) are removed, as
     * {@code c.us} becomes {@code s.whatsapp.net}; a group id keeps its dashes.
     *
     * @throws IllegalArgumentException when nothing of a chat id is left
     */
    static String chatJid(String jidOrNumber) {
        String text = jidOrNumber == null ? "" : jidOrNumber.strip();
        int at = text.indexOf('@');
        String server = at < 0 ? USER_SERVER : text.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        String user = at < 0 ? text : text.substring(0, at);
        user = server.equals(GROUP_SERVER) ? user.replaceAll("\\s+", "") : user(user);
        if (user.isEmpty() || server.isEmpty()) {
            throw new IllegalArgumentException("not a WhatsApp chat id: \"" + text + "\"");
        }
        return user + "@" + (server.equals(LEGACY_USER_SERVER) ? USER_SERVER : server);
    }
}
