package gomikrobot.group.kafka;

import gomikrobot.config.GroupConfig;
import gomikrobot.group.GroupTransport;
import gomikrobot.group.TransportFactory;
import gomikrobot.observe.Log;

/** The Kafka {@link TransportFactory} of the jar (registered in {@code META-INF/services}). */
public final class KafkaTransportFactory implements TransportFactory {
    @Override
    public GroupTransport open(GroupConfig config, String groupName, String memberId, Log log) {
        return new KafkaTransport(new ClientSettings(config, memberId), groupName,
                config.consumerGroupFor(memberId), log);
    }
}
