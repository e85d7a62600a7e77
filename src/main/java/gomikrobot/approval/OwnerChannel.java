package gomikrobot.approval;

/**
 * A place where the owner reads the agent's questions and answers them: the port a channel serves to take part in
 * approvals. The gateway wires one per owner channel ({@link ChannelOwner} adapts any {@code channels.Channel}
 * that knows its owner's chat); an owner's {@code yes 7f3a} arriving on a channel is acknowledged through the
 * owner channel of the same {@link #name()}. Implementations must be safe to call from any thread and must not
 * block for long (a bounded send).
 */
public interface OwnerChannel {
    /** The channel's name, as inbound messages carry it ({@code whatsapp}, {@code telegram}). */
    String name();

    /** Sends one message to the owner; false when it could not be handed over (the implementation logs why). */
    boolean tell(String text);
}
