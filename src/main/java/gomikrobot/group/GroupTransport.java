package gomikrobot.group;

import java.time.Duration;

/**
 * The group's connection to its brokers: publishes records of each {@link Kind} and hands every record of the
 * group's topics to one {@link RecordHandler}, on one thread, committing a record's offset only after the handler
 * returned for it (a record whose handler failed is read again). Implemented over Kafka in
 * {@code group.kafka}, the only code that touches Kafka's classes; found through {@link TransportFactory}.
 */
public interface GroupTransport extends AutoCloseable {

    /** Receives each record: its kind (by topic), key and value. Throwing leaves it to be read again. */
    @FunctionalInterface
    interface RecordHandler {
        void handle(Kind kind, String key, byte[] value) throws Exception;
    }

    /** Why a publish did not reach the brokers in time. */
    final class PublishException extends Exception {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Creates the group's topics where missing, then starts reading them on a thread of its own. */
    void start(RecordHandler handler);

    /** Publishes one record and waits until the brokers have it (all in-sync replicas), up to {@code timeout}. */
    void publish(Kind kind, String key, byte[] value, Duration timeout) throws PublishException;

    /** Whether the last publish or poll reached the brokers. */
    boolean connected();

    /** Stops reading and publishing; waits briefly for what is in flight. */
    @Override
    void close();
}
