package gomikrobot.tools.mcp;

import java.io.IOException;
import java.util.Map;

/**
 * How JSON-RPC messages travel between us and one MCP server: a child's stdin and stdout, or Streamable HTTP.
 * {@link #send} hands a message over and returns without waiting for the answer; what the server sends comes
 * back through the {@link Inbound} given to {@link #open}, from the transport's own threads.
 */
sealed interface Transport permits StdioTransport, HttpTransport {
    /** Where a transport delivers what it receives. */
    interface Inbound {
        /** A JSON-RPC message (response, request or notification) from the server. */
        void message(Map<String, Object> message);

        /** The request with this id will get no answer, for this reason (an HTTP error status, say). */
        void failed(long requestId, String reason);

        /** The connection is over (the child exited, the session ended); nothing more will arrive. */
        void closed(String reason);
    }

    void open(Inbound inbound) throws IOException;

    void send(Map<String, Object> message) throws IOException;

    /** The protocol version agreed in {@code initialize}, for transports that repeat it on every request. */
    default void negotiated(String protocolVersion) {
    }

    /** Nobody waits for this request's answer any more: stop reading it. */
    default void abandon(long requestId) {
    }

    /** The child's process id, for status lines; 0 when there is none. */
    default long pid() {
        return 0;
    }

    void close();
}
