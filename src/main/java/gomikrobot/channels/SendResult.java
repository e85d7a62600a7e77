package gomikrobot.channels;

/** What became of one send. */
public sealed interface SendResult {
    /** Handed to the network. */
    record Sent() implements SendResult {
    }

    /** Not sent; {@code retryable} false means trying again cannot help (no such chat, logged out). */
    record Failed(String reason, boolean retryable) implements SendResult {
    }
}
