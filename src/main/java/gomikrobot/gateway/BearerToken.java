package gomikrobot.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The gateway's auth token (decision 2): a request presents it as {@code Authorization: Bearer <token>} and
 * it is compared in constant time, so the comparison's duration tells an attacker nothing.
 */
final class BearerToken {
    private static final String SCHEME = "Bearer ";

    private final byte[] token;

    /** @param token the configured token; blank means no token (nothing can match) */
    BearerToken(String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    boolean configured() {
        return token != null;
    }

    /** True when a token is configured and the header presents exactly it. */
    boolean matches(String authorization) {
        if (token == null || authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(token, authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8));
    }
}
