package gomikrobot.channels.whatsapp;

/**
 * The file a media message points at: where it is and how to open it ({@link EncryptedMedia}), or why it cannot
 * be fetched at all (a message without a key or address). Described, not fetched: only admitted senders' media
 * are downloaded.
 */
public sealed interface Attachment permits EncryptedMedia, Attachment.Unavailable {
    /** Nothing to download; {@code reason} is shown to the agent and recorded. */
    record Unavailable(String reason) implements Attachment {
    }
}
