package gomikrobot.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Kafka group (issue 20): whether this gateway joins one ({@code enabled}), which ({@code groupName}), as whom
 * ({@code agentId}, default {@code gomikrobot-<hostname>}), over which brokers ({@code kafkaBrokers}, with the TLS
 * and SASL settings of a hosted cluster), under which Kafka consumer group ({@code consumerGroup}, default
 * {@code gomikrobot.<groupName>.<agentId>}: one per member, since every member reads every record), the shared
 * {@code secret} every record is signed with, the members whose tasks run with the owner's tiers
 * ({@code trustedMembers}), how often the card is re-published ({@code heartbeatInterval}) and how long a
 * delegating session waits for the answer ({@code taskTimeout}). {@code secret} and the SASL and truststore
 * passwords are secrets: {@link #toString} never shows them.
 */
public record GroupConfig(boolean enabled, String groupName, String agentId, String kafkaBrokers, String consumerGroup,
                          String securityProtocol, String saslMechanism, String saslUsername, String saslPassword,
                          Path truststorePath, String truststorePassword, String secret, List<String> trustedMembers,
                          Duration heartbeatInterval, Duration taskTimeout) {
    /** The tools a member gets (they join the agent's tools once the group is wired), so tiers may name them. */
    public static final List<String> TOOLS = List.of("delegate", "share");
    /** Shorter secrets are refused: every member's signature rests on it. */
    public static final int MIN_SECRET_CHARS = 16;
    /** What Kafka allows in a topic name, minus the dot that separates our topic name's parts. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    public GroupConfig {
        trustedMembers = List.copyOf(trustedMembers);
        securityProtocol = securityProtocol.toUpperCase(Locale.ROOT);
        saslMechanism = saslMechanism.toUpperCase(Locale.ROOT);
    }

    /** The rule for group names and agent ids; the join API applies it too, so both refuse the same names. */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /** What is missing or wrong for an enabled group (the first problem), naming the key; empty when it can run. */
    public Optional<String> problem() {
        if (!enabled) {
            return Optional.empty();
        }
        if (!validName(groupName)) {
            return Optional.of("group.groupName must be 1-100 letters, digits, _ or -, got \"" + groupName + "\"");
        }
        if (!agentId.isEmpty() && !validName(agentId)) {
            return Optional.of("group.agentId must be 1-100 letters, digits, _ or -, got \"" + agentId + "\"");
        }
        if (kafkaBrokers.isBlank()) {
            return Optional.of("group.kafkaBrokers must name at least one broker (host:port)");
        }
        if (secret.length() < MIN_SECRET_CHARS) {
            return Optional.of("group.secret must be at least " + MIN_SECRET_CHARS + " characters (the same on"
                    + " every member; e.g. openssl rand -hex 32)");
        }
        if (usesSasl() && (saslUsername.isBlank() || saslPassword.isBlank())) {
            return Optional.of("group.saslUsername and group.saslPassword must be set for " + securityProtocol);
        }
        return Optional.empty();
    }

    /** Whether the brokers want a SASL login: {@link #problem} and the Kafka client settings both ask here. */
    public boolean usesSasl() {
        return securityProtocol.startsWith("SASL");
    }

    /** The consumer group this member commits its offsets under. */
    public String consumerGroupFor(String member) {
        return consumerGroup.isBlank() ? "gomikrobot." + groupName + "." + member : consumerGroup;
    }

    public boolean trusts(String member) {
        return trustedMembers.contains(member);
    }

    @Override
    public String toString() {
        return "GroupConfig[enabled=" + enabled + ", groupName=" + groupName + ", agentId=" + agentId
                + ", kafkaBrokers=" + kafkaBrokers + ", securityProtocol=" + securityProtocol + ", secret="
                + (secret.isEmpty() ? "(none)" : "(set)") + "]";
    }
}
