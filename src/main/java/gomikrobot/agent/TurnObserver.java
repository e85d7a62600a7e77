package gomikrobot.agent;

import gomikrobot.provider.ChatReply;
import gomikrobot.provider.ChatRequest;
import gomikrobot.tools.ToolContext;
import java.time.Duration;
import java.time.Instant;

/** Told about every LLM call of a turn, to record its span and add its tokens to the task. */
interface TurnObserver {
    void llmCall(ToolContext ctx, int iteration, ChatRequest request, ChatReply reply, Instant started, Duration took);

    void llmFailed(ToolContext ctx, int iteration, ChatRequest request, String error, Instant started, Duration took);

    /** Tells both observers, in order. */
    static TurnObserver both(TurnObserver first, TurnObserver second) {
        return new TurnObserver() {
            @Override
            public void llmCall(ToolContext ctx, int iteration, ChatRequest request, ChatReply reply, Instant started,
                                Duration took) {
                first.llmCall(ctx, iteration, request, reply, started, took);
                second.llmCall(ctx, iteration, request, reply, started, took);
            }

            @Override
            public void llmFailed(ToolContext ctx, int iteration, ChatRequest request, String error, Instant started,
                                  Duration took) {
                first.llmFailed(ctx, iteration, request, error, started, took);
                second.llmFailed(ctx, iteration, request, error, started, took);
            }
        };
    }
}
