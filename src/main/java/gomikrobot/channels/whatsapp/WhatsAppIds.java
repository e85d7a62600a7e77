package gomikrobot.channels.whatsapp;

import java.util.regex.Pattern;

/**
 * What a person may type for a WhatsApp user outside the channel (CLI flags, setup answers): a phone number
 * with country code ({@code 4915112345678}, {@code +49 151 1234-5678}), a full JID
 * ({@code 4915112345678@s.whatsapp.net}, {@code 4915112345678:12@s.whatsapp.net}) or a LID
 * ({@code 123456789012345@lid}, WhatsApp's private id for a person whose number it does not show). Anything
 * else is refused. Accepted text is normalised by {@link JidText#user}, the same rule the channel compares
 * senders with, so a stored entry always matches the sender it names.
 */
public final class WhatsAppIds {
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9][0-9 ()\\-]*");
    private static final Pattern JID = Pattern.compile("[0-9]+(:[0-9]+)?@[a-z0-9.]+", Pattern.CASE_INSENSITIVE);
    private static final int MIN_DIGITS = 5;
    private static final int MAX_DIGITS = 20;

    private WhatsAppIds() {
    }

    /**
     * The user part the channel compares, e.g. {@code "+49 151 12345678"} -> {@code "4915112345678"}.
     *
     * @throws IllegalArgumentException naming the text when it is neither a phone number nor a JID
     */
    public static String user(String numberOrJid) {
        String text = numberOrJid == null ? "" : numberOrJid.strip();
        boolean shaped = NUMBER.matcher(text).matches() || JID.matcher(text).matches();
        String user = JidText.user(text);
        int digits = user.endsWith(JidText.LID_SUFFIX) ? user.length() - JidText.LID_SUFFIX.length() : user.length();
        if (!shaped || digits < MIN_DIGITS || digits > MAX_DIGITS) {
            throw new IllegalArgumentException("not a phone number or WhatsApp JID: \"" + text
                    + "\" (expected e.g. +4915112345678, 4915112345678@s.whatsapp.net or 123456789012345@lid)");
        }
        return user;
    }

    /**
     * A phone number alone, as pairing by code needs it: digits with country code, optional {@code +}, spaces
     * or dashes.
     *
     * @throws IllegalArgumentException when the text is not such a number (a JID is not accepted here)
     */
    public static long phoneNumber(String text) {
        String stripped = text == null ? "" : text.strip();
        if (!NUMBER.matcher(stripped).matches()) {
            throw new IllegalArgumentException("not a phone number: \"" + stripped
                    + "\" (expected the number with country code, e.g. +4915112345678)");
        }
        String user = user(stripped);
        if (user.length() > 15) {
            throw new IllegalArgumentException("not a phone number: \"" + stripped + "\" has more than 15 digits");
        }
        return Long.parseLong(user);
    }
}
