package gomikrobot.channels.whatsapp;

import java.util.Locale;

/**
 * The one place WhatsApp addresses are compared. A person is identified by the user part of a JID: the same
 * number may be written {@code 4915112345678}, {@code +49 151 12345678}, {@code 4915112345678@s.whatsapp.net}
 * or, from a linked device, {@code 4915112345678:12@s.whatsapp.net}; all of these name one user.
 */
final class JidText {
    static final String USER_SERVER = "s.whatsapp.net";

    private JidText() {
    }

    /** The user part: no server, no device suffix, no '+' or spaces; lower case. Empty for blank input. */
    static String user(String jidOrNumber) {
        if (jidOrNumber == null) {
            return "";
        }
        String text = jidOrNumber.strip();
        int at = text.indexOf('@');
        if (at >= 0) {
            text = text.substring(0, at);
        }
        int colon = text.indexOf(':');
        if (colon >= 0) {
            text = text.substring(0, colon);
        }
        StringBuilder user = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')') {
                user.append(c);
            }
        }
        return user.toString().toLowerCase(Locale.ROOT);
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
