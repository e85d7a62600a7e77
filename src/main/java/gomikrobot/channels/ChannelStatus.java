package gomikrobot.channels;

/**
 * A channel's connection as the dashboard and {@code /readyz} show it: connected or not, a short state word
 * ({@code connecting}, {@code connected}, {@code unpaired}, {@code reconnecting}, {@code logged_out},
 * {@code banned}, {@code stopped}) and a human detail line.
 */
public record ChannelStatus(boolean connected, String state, String detail) {
    public static ChannelStatus of(boolean connected, String state) {
        return new ChannelStatus(connected, state, "");
    }
}
