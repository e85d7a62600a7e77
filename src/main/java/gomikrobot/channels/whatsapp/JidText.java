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

    /** A full chat JID for an outbound address: a bare number gets {@code @s.whatsapp.net}. */
    static String chatJid(String jidOrNumber) {
        String text = jidOrNumber == null ? "" : jidOrNumber.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("chat id must not be blank");
        }
        return text.contains("@") ? text : user(text) + "@" + USER_SERVER;
    }
}
