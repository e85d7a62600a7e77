package gomikrobot.agent;

/**
 * The memory hook of the request lifecycle: text relevant to a message, put into the system prompt as the
 * "Relevant memory" block. {@link #NONE} until semantic memory is wired in.
 */
@FunctionalInterface
public interface MemoryContext {
    MemoryContext NONE = query -> "";

    /** The block's text (empty when nothing relevant); may throw, and the caller goes on without it. */
    String relevantTo(String query);
}
