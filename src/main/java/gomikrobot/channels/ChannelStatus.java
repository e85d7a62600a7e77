package gomikrobot.channels;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A channel's connection as the dashboard, {@code /readyz} and {@code /api/v1/status} show it: a state, a human
 * detail line, while reconnecting the time of the next attempt, and the account the channel speaks as once
 * known ({@code @mybot}; "" when none). Only {@link State#CONNECTED} counts as connected; the other states say
 * why not, and whether waiting helps ({@link State#isFinal}).
 */
public record ChannelStatus(State state, String detail, Instant nextAttemptAt, String account) {
    /** Every state a channel's connection can be in, by the name the HTTP API and the dashboard use. */
    public enum State {
        /** Not started, or closed on purpose. */
        STOPPED(true),
        /** The first connection is being made. */
        CONNECTING(false),
        CONNECTED(false),
        /** Lost; a new attempt is scheduled ({@link #nextAttemptAt}). */
        RECONNECTING(false),
        /** No linked device yet: {@code gomikrobot whatsapp-auth} pairs one. */
        UNPAIRED(true),
        /** Another gateway on the same home holds the session; this one leaves it alone. */
        SESSION_IN_USE(true),
        /** The phone removed this device (or WhatsApp ended the session): pair again. */
        LOGGED_OUT(true),
        /** WhatsApp refuses this client version. */
        CLIENT_OUTDATED(true),
        /** Another connection of the same device took over. */
        REPLACED(true),
        /** The service refused the channel's credentials (a Telegram bot token revoked or mistyped). */
        TOKEN_REFUSED(true);

        private final boolean isFinal;

        State(boolean isFinal) {
            this.isFinal = isFinal;
        }

        /** True when the channel will not connect again by itself: sending cannot succeed until someone acts. */
        public boolean isFinal() {
            return isFinal;
        }

        /** The API name: {@code reconnecting}, {@code logged_out}, … */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ChannelStatus {
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
        account = account == null ? "" : account;
    }

    public ChannelStatus(State state, String detail, Instant nextAttemptAt) {
        this(state, detail, nextAttemptAt, "");
    }

    public static ChannelStatus of(State state, String detail) {
        return new ChannelStatus(state, detail, null);
    }

    public boolean connected() {
        return state == State.CONNECTED;
    }

    /** {@code {"state", "connected", "detail", "next_attempt_at"?, "account"?}} for the HTTP API (UTC times). */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", state.wire());
        out.put("connected", connected());
        out.put("detail", detail);
        if (nextAttemptAt != null) {
            out.put("next_attempt_at", nextAttemptAt.toString());
        }
        if (!account.isEmpty()) {
            out.put("account", account);
        }
        return out;
    }
}
