package gomikrobot.group.kafka;

import gomikrobot.config.GroupConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka client properties of a member: the brokers and, for a hosted cluster, TLS (a truststore) and SASL
 * (PLAIN or SCRAM, whose JAAS line is built here with the password quoted), then what the producer, consumer
 * and admin client each add. Client telemetry is off: the jar leaves its classes out, and nothing of ours
 * needs the brokers to collect client metrics.
 */
final class ClientSettings {
    private final GroupConfig config;
    private final String memberId;

    ClientSettings(GroupConfig config, String memberId) {
        this.config = config;
        this.memberId = memberId;
    }

    Map<String, Object> admin() {
        return common("admin");
    }

    /** Every record acknowledged by all in-sync replicas, written once even when retried, uncompressed. */
    Map<String, Object> producer() {
        Map<String, Object> p = common("producer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, false);
        return p;
    }

    /** Offsets committed by us, after a record is handled; a new member starts at the beginning of each topic. */
    Map<String, Object> consumer(String consumerGroup) {
        Map<String, Object> c = common("consumer");
        c.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, false);
        return c;
    }

    private Map<String, Object> common(String role) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBrokers());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, "gomikrobot-" + memberId + "-" + role);
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, config.securityProtocol());
        if (config.usesSasl()) {
            p.put(SaslConfigs.SASL_MECHANISM, config.saslMechanism());
            p.put(SaslConfigs.SASL_JAAS_CONFIG, jaas());
        }
        if (config.truststorePath() != null) {
            p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, config.truststorePath().toString());
            if (!config.truststorePassword().isEmpty()) {
                p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, config.truststorePassword());
            }
        }
        return p;
    }

    /** The JAAS line of the SASL mechanism, with the user name and password quoted. */
    private String jaas() {
        String module = config.saslMechanism().equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=\"" + quoted(config.saslUsername()) + "\" password=\""
                + quoted(config.saslPassword()) + "\";";
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
