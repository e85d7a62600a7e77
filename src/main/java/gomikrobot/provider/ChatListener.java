package gomikrobot.provider;

/**
 * Follows a chat answer while the model writes it: the text arrives in pieces whose concatenation is the reply's
 * {@link ChatReply#text()}. A provider that does not stream delivers the whole text as one piece.
 */
@FunctionalInterface
public interface ChatListener {
    /** Nobody follows: the provider asks for the whole answer at once. */
    ChatListener NONE = text -> { };

    /** The next piece of the text; called on the caller's thread while the answer arrives. */
    void text(String piece);
}
