package gomikrobot.tools.mcp;

/** An MCP server could not be reached, did not answer in time, or answered with an error; the message says which. */
public final class McpException extends Exception {
    public McpException(String message) {
        super(message);
    }
}
