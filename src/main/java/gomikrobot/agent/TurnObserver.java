package gomikrobot.agent;

import gomikrobot.provider.ChatReply;
import gomikrobot.provider.ChatRequest;
import gomikrobot.timeline.Database;
import gomikrobot.tools.ToolContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Told about every LLM call of a turn, to record its span, add its tokens to the task and count it. */
interface TurnObserver {
    void llmCall(ToolContext ctx, int iteration, ChatRequest request, ChatReply reply, Instant started, Duration took);

    void llmFailed(ToolContext ctx, int iteration, ChatRequest request, String error, Instant started, Duration took);

    /** Tells every observer in order, their database writes for one call (its span, its tokens) in one transaction. */
    static TurnObserver atomically(Database db, TurnObserver... observers) {
        List<TurnObserver> all = List.of(observers);
        return new TurnObserver() {
            @Override
            public void llmCall(ToolContext ctx, int iteration, ChatRequest request, ChatReply reply, Instant started,
                                Duration took) {
                db.write(c -> {
                    all.forEach(o -> o.llmCall(ctx, iteration, request, reply, started, took));
                    return null;
                });
            }

            @Override
            public void llmFailed(ToolContext ctx, int iteration, ChatRequest request, String error, Instant started,
                                  Duration took) {
                db.write(c -> {
                    all.forEach(o -> o.llmFailed(ctx, iteration, request, error, started, took));
                    return null;
                });
            }
        };
    }
}
