package gomikrobot.session;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Which file holds a session's history. The name is injective: letters, digits, {@code .} and {@code -} stay,
 * the channel separator (the first {@code :}) becomes {@code _}, and every other byte of the UTF-8 key,
 * {@code _} and later colons included, becomes {@code %XX}; so {@code local:a:b} and {@code local:a_b} get
 * {@code local_a%3Ab} and {@code local_a%5Fb}.
 * A name that would be too long for a file system is cut and ends in {@code ~} and a hash of the whole key
 * ({@code ~} never appears otherwise). The common keys ({@code cli:default}) keep the name earlier releases gave
 * them.
 *
 * <p>Earlier releases turned every other character into {@code _}, which made keys such as {@code local:a:b} and
 * {@code local:a_b} share a file. Such a legacy file is still taken over for a key whose chat id has neither
 * {@code :} nor {@code _}, the characters behind those collisions; the other replaced characters (the {@code @}
 * of a WhatsApp JID) do not occur in two forms in the chat ids the channels make.
 */
final class SessionFiles {
    private static final int MAX_NAME_CHARS = 200;
    private static final int KEPT_CHARS = 150;

    private final Path dir;

    SessionFiles(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path fileOf(String sessionKey) {
        return dir.resolve(nameOf(sessionKey) + ".jsonl");
    }

    /** The file an earlier release wrote this session to, when it differs from ours and can be taken over. */
    Optional<Path> legacyFileOf(String sessionKey) {
        int colon = sessionKey.indexOf(':');
        String chat = colon < 0 ? sessionKey : sessionKey.substring(colon + 1);
        String legacy = legacyNameOf(sessionKey);
        if (chat.contains(":") || chat.contains("_") || legacy.equals(nameOf(sessionKey))) {
            return Optional.empty();
        }
        return Optional.of(dir.resolve(legacy + ".jsonl"));
    }

    static String nameOf(String sessionKey) {
        StringBuilder name = new StringBuilder();
        boolean separated = false;
        for (byte b : sessionKey.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (isKept(c) && !(c == '.' && name.isEmpty())) {
                name.append(c);
            } else if (c == ':' && !separated) {
                name.append('_');
                separated = true;
            } else {
                name.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        if (name.length() <= MAX_NAME_CHARS) {
            return name.toString();
        }
        return name.substring(0, KEPT_CHARS) + "~" + sha256(sessionKey).substring(0, 32);
    }

    /** How earlier releases named the file: unsafe characters (':', '/', '@') became '_'. */
    static String legacyNameOf(String sessionKey) {
        String safe = sessionKey.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    private static boolean isKept(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-');
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
