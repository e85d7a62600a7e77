package gomikrobot.testing;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real one-node Kafka cluster (KRaft: broker and controller combined) inside the test JVM, from Kafka's own
 * test kit, configured as one node needs: internal topics replicated once, no rebalance delay.
 */
public final class KafkaBroker {
    private KafkaBroker() {
    }

    /** Formatted, started and ready; {@link KafkaClusterTestKit#bootstrapServers()} says where. */
    public static KafkaClusterTestKit start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }
}
