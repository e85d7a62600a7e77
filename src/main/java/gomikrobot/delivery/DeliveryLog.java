package gomikrobot.delivery;

import gomikrobot.timeline.Task;

/**
 * Records a delivery attempt in the timeline (the outbound event): the text the person was sent, in the
 * channel's classification format.
 */
@FunctionalInterface
public interface DeliveryLog {
    void delivered(Task task, String text, String classification, String deliveryStatus, String recipient);
}
