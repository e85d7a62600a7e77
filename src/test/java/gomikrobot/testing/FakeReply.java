package gomikrobot.testing;

import java.util.List;

/**
 * One chat answer {@link FakeOpenAiServer} gives, whole or streamed: its text, refusal, tool calls and finish
 * reason, or no choices at all ({@code choices: []}).
 */
record FakeReply(String content, String refusal, List<FakeOpenAiServer.Call> calls, String finishReason,
                 boolean noChoices) {

    static FakeReply text(String text) {
        return new FakeReply(text, null, List.of(), "stop", false);
    }

    static FakeReply tools(List<FakeOpenAiServer.Call> calls) {
        return new FakeReply(null, null, List.copyOf(calls), "tool_calls", false);
    }
}
