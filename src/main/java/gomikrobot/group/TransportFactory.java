package gomikrobot.group;

import gomikrobot.config.GroupConfig;
import gomikrobot.observe.Log;
import java.util.ServiceLoader;

/**
 * Builds the {@link GroupTransport} of this build, found with {@link ServiceLoader} only when a group is joined:
 * with no group configured, no Kafka class is ever loaded. The JBang script has none (it leaves
 * {@code group.kafka} out), and says so.
 */
public interface TransportFactory {

    /** A transport for {@code groupName} as member {@code memberId}; not started. */
    GroupTransport open(GroupConfig config, String groupName, String memberId, Log log);

    /** @throws IllegalStateException when this build has no transport */
    static TransportFactory find() {
        return ServiceLoader.load(TransportFactory.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "group.enabled is true, but this build has no Kafka support (the JBang script leaves it out; use"
                        + " the jar)"));
    }
}
