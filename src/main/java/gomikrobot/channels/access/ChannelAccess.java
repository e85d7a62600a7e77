package gomikrobot.channels.access;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What makes the access model one channel's: the settings rows it lives in ({@code <channel>_allowlist},
 * {@code _denylist}, {@code _pending}, {@code _pair_token}) and how that channel writes a person. {@code normalise}
 * turns a stored entry or a sender into the form entries are compared in ("" when it names nobody; it never
 * throws, since rows may hold anything the dashboard was given); {@code parse} does the same for what the owner
 * typed (a CLI flag, a setup answer) and refuses, with an example, what names nobody.
 */
public record ChannelAccess(String channel, UnaryOperator<String> normalise, UnaryOperator<String> parse) {

    public ChannelAccess {
        if (channel == null || !channel.matches("[a-z]+")) {
            throw new IllegalArgumentException("channel must be a lower-case word: " + channel);
        }
        Objects.requireNonNull(normalise, "normalise");
        Objects.requireNonNull(parse, "parse");
    }

    public String allowlistKey() {
        return channel + "_allowlist";
    }

    public String denylistKey() {
        return channel + "_denylist";
    }

    public String pendingKey() {
        return channel + "_pending";
    }

    public String pairTokenKey() {
        return channel + "_pair_token";
    }

    /**
     * A comma-separated list the owner typed (a setup answer, an {@code --allow-from} flag) in normal form, without
     * duplicates; blank or {@code none} is the empty list.
     *
     * @throws IllegalArgumentException naming the first entry that names nobody
     */
    public List<String> parseAll(String text) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty() || stripped.equalsIgnoreCase("none")) {
            return List.of();
        }
        return Arrays.stream(stripped.split(",")).filter(e -> !e.isBlank()).map(parse).distinct().toList();
    }

    /** The comparable form of a stored entry or a sender; "" for null or an entry that names nobody. */
    public String user(String entry) {
        return entry == null ? "" : normalise.apply(entry);
    }
}
