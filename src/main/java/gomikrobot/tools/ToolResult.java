package gomikrobot.tools;

/**
 * What came of one tool call. {@link #forModel()} is the text the model sees as the tool message; failures and
 * denials are results too, so the model can react to them and the loop never crashes on a tool.
 */
public sealed interface ToolResult permits ToolResult.Ok, ToolResult.Failed, ToolResult.Denied {
    String forModel();

    /** The tool ran; its output. */
    record Ok(String forModel) implements ToolResult {
        public Ok {
            forModel = forModel == null ? "" : forModel;
        }
    }

    /** The call could not be carried out (bad arguments, missing file, timeout...). */
    record Failed(String reason) implements ToolResult {
        @Override
        public String forModel() {
            return "Error: " + reason;
        }
    }

    /** A rule refused the call (policy decision, command deny pattern, allowlist). */
    record Denied(String rule) implements ToolResult {
        @Override
        public String forModel() {
            return "Error: denied by policy: " + rule;
        }
    }
}
