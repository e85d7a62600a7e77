package gomikrobot.delivery;

import gomikrobot.timeline.Task;

/** Records a delivery attempt in the timeline (the outbound event), in the channel's classification format. */
@FunctionalInterface
public interface DeliveryLog {
    void delivered(Task task, String classification, String deliveryStatus, String recipient);
}
