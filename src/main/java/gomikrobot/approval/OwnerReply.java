package gomikrobot.approval;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An owner's answer typed in chat: {@code yes 7f3a} or {@code no 7f3a} (any case, an optional full stop), or the
 * original's {@code approve:<id>} / {@code deny:<id>} with the full id. Only a code with a digit counts, as every
 * code we hand out has one: "no cafe" stays an ordinary message.
 */
record OwnerReply(boolean approved, String code) {
    private static final Pattern FORM = Pattern.compile(
            "\\s*(yes|no|approve|deny)(?:\\s*:\\s*|\\s+)([0-9a-f]{4}|[0-9a-f]{16})\\s*[.!]?\\s*",
            Pattern.CASE_INSENSITIVE);

    static Optional<OwnerReply> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches() || m.group(2).chars().noneMatch(Character::isDigit)) {
            return Optional.empty();
        }
        String verb = m.group(1).toLowerCase(Locale.ROOT);
        return Optional.of(new OwnerReply(verb.equals("yes") || verb.equals("approve"),
                m.group(2).toLowerCase(Locale.ROOT)));
    }
}
