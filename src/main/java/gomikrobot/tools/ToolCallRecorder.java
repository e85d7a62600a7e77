package gomikrobot.tools;

/** Where every tool call goes once it has a result (the timeline's TOOL span in the gateway). */
@FunctionalInterface
public interface ToolCallRecorder {
    void record(ToolCallRecord call);
}
