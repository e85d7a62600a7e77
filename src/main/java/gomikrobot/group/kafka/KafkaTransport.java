package gomikrobot.group.kafka;

import gomikrobot.group.GroupTransport;
import gomikrobot.group.Kind;
import gomikrobot.observe.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The group over Kafka: one idempotent producer, one consumer of the group's five topics on a virtual thread of
 * its own (Kafka's consumer is single-threaded), committing each handled record's offset after its handler
 * returned. A handler that fails leaves its record to be read again after a pause: at least once, never lost;
 * the handlers make a second delivery harmless.
 */
final class KafkaTransport implements GroupTransport {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final ClientSettings settings;
    private final String consumerGroup;
    private final Log log;
    private final Map<Kind, String> topics = new EnumMap<>(Kind.class);
    private final Map<String, Kind> kinds = new HashMap<>();
    private final KafkaProducer<String, byte[]> producer;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread poller;
    private volatile boolean running;
    private volatile boolean connected;

    KafkaTransport(ClientSettings settings, String groupName, String consumerGroup, Log log) {
        this.settings = settings;
        this.consumerGroup = consumerGroup;
        this.log = log;
        for (Kind kind : Kind.values()) {
            topics.put(kind, kind.topic(groupName));
            kinds.put(kind.topic(groupName), kind);
        }
        Slf4jBridge.attach(log);
        this.producer = new KafkaProducer<>(settings.producer());
    }

    @Override
    public void start(RecordHandler handler) {
        createMissingTopics();
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(settings.consumer(consumerGroup));
        c.subscribe(topics.values());
        consumer = c;
        running = true;
        poller = Thread.ofVirtual().name("group-consumer").start(() -> consume(c, handler));
    }

    @Override
    public void publish(Kind kind, String key, byte[] value, Duration timeout) throws PublishException {
        try {
            producer.send(new ProducerRecord<>(topics.get(kind), key, value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            connected = true;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            connected = false;
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new PublishException("publishing to " + topics.get(kind) + " failed: " + describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while publishing to " + topics.get(kind), e);
        }
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = poller;
        if (t != null) {
            try {
                t.join(CLOSE_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(CLOSE_WAIT);
        Slf4jBridge.detach(log);
    }

    private void consume(KafkaConsumer<String, byte[]> c, RecordHandler handler) {
        try (c) {
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(POLL);
                handleAll(c, records, handler);
            }
        } catch (WakeupException e) {
            // close() woke the consumer to stop it
        } catch (RuntimeException e) {
            log.unexpected("Group consumer stopped", e);
        }
    }

    /** Hands each record over in order; commits what was handled; a failure rewinds to the failed record. */
    private void handleAll(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records,
                           RecordHandler handler) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> r : records.records(partition)) {
                try {
                    handler.handle(kinds.get(r.topic()), r.key() == null ? "" : r.key(), r.value());
                    done.put(partition, new OffsetAndMetadata(r.offset() + 1));
                } catch (Exception e) {
                    log.unexpected("Group record could not be handled; it is read again", e, "topic", r.topic(),
                            "offset", r.offset());
                    c.seek(partition, r.offset());
                    pause();
                    break; // the rest of the partition is read again, in order, from the failed record on
                }
            }
        }
        commit(c, done);
    }

    private void commit(KafkaConsumer<String, byte[]> c, Map<TopicPartition, OffsetAndMetadata> done) {
        if (done.isEmpty()) {
            return;
        }
        try {
            c.commitSync(done);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // the records are read again after a reconnect; handling them again is harmless
            log.debug("Group offsets not committed", "error", describe(e));
        }
    }

    private void createMissingTopics() {
        try (Admin admin = Admin.create(settings.admin())) {
            Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Map.Entry<Kind, String> t : topics.entrySet()) {
                if (!existing.contains(t.getValue())) {
                    missing.add(newTopic(t.getKey(), t.getValue()));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                log.info("Group topics created", "topics", missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("cannot create the group's topics: " + describe(e.getCause()), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new KafkaException("the brokers did not answer within " + ADMIN_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while creating the group's topics", e);
        }
    }

    /** The broker's defaults for partitions and replicas; the member cards' topic keeps the newest card each. */
    private static NewTopic newTopic(Kind kind, String name) {
        NewTopic topic = new NewTopic(name, Optional.empty(), Optional.empty());
        return kind == Kind.ANNOUNCE ? topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT)) : topic;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
