package gomikrobot.group;

import java.util.Map;

/** Signs and publishes one record of this member; throws when the brokers did not take it in time. */
@FunctionalInterface
interface Publisher {
    void publish(Kind kind, String key, String correlationId, Map<String, Object> payload)
            throws GroupTransport.PublishException;
}
