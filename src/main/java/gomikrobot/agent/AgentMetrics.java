package gomikrobot.agent;

import gomikrobot.observe.Metrics;
import gomikrobot.provider.ChatReply;
import gomikrobot.provider.ChatRequest;
import gomikrobot.tools.ToolContext;
import java.time.Duration;
import java.time.Instant;

/** The agent's Prometheus figures: messages in and out, LLM calls, errors, latency and tokens. */
final class AgentMetrics implements TurnObserver {
    private final Metrics.Counter messagesIn;
    private final Metrics.Counter messagesOut;
    private final Metrics.Counter llmCalls;
    private final Metrics.Histogram llmSeconds;
    private final Metrics.Counter tokens;

    AgentMetrics(Metrics metrics) {
        this.messagesIn = metrics.counter("gomikrobot_messages_in_total", "Inbound messages accepted", "channel");
        this.messagesOut = metrics.counter("gomikrobot_messages_out_total", "Answers published", "channel", "result");
        this.llmCalls = metrics.counter("gomikrobot_llm_calls_total", "LLM calls", "result");
        this.llmSeconds = metrics.histogram("gomikrobot_llm_call_seconds", "LLM call latency", Metrics.DEFAULT_BUCKETS);
        this.tokens = metrics.counter("gomikrobot_llm_tokens_total", "Tokens used", "kind");
    }

    void messageIn(String channel) {
        messagesIn.inc(channel);
    }

    void messageOut(String channel, boolean failed) {
        messagesOut.inc(channel, failed ? "error" : "ok");
    }

    @Override
    public void llmCall(ToolContext ctx, int iteration, ChatRequest request, ChatReply reply, Instant started,
                        Duration took) {
        llmCalls.inc("ok");
        llmSeconds.observe(took.toNanos() / 1e9);
        tokens.add(reply.usage().promptTokens(), "prompt");
        tokens.add(reply.usage().completionTokens(), "completion");
    }

    @Override
    public void llmFailed(ToolContext ctx, int iteration, ChatRequest request, String error, Instant started,
                         Duration took) {
        llmCalls.inc("error");
        llmSeconds.observe(took.toNanos() / 1e9);
    }
}
