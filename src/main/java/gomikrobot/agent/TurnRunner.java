package gomikrobot.agent;

import gomikrobot.config.ModelConfig;
import gomikrobot.provider.ChatMessage;
import gomikrobot.provider.ChatReply;
import gomikrobot.provider.ChatRequest;
import gomikrobot.provider.LlmProvider;
import gomikrobot.provider.ProviderException;
import gomikrobot.provider.ToolCall;
import gomikrobot.tools.ToolContext;
import gomikrobot.tools.ToolRegistry;
import gomikrobot.tools.ToolResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * One message's conversation with the model: call the LLM with the tool definitions, run the tool calls it
 * asks for through the registry (which applies the policy), feed the results back, and repeat until it answers
 * in text or {@code maxToolIterations} rounds are spent. The quota is checked before every call; calls across
 * all sessions share a bounded number of slots.
 */
final class TurnRunner {
    private final LlmProvider provider;
    private final ToolRegistry tools;
    private final ModelConfig model;
    private final Semaphore llmSlots;
    private final TokenQuota quota;
    private final TurnObserver observer;
    private final Clock clock;

    TurnRunner(LlmProvider provider, ToolRegistry tools, ModelConfig model, TokenQuota quota, TurnObserver observer,
               Clock clock) {
        this.provider = provider;
        this.tools = tools;
        this.model = model;
        this.llmSlots = new Semaphore(model.maxConcurrentCalls(), true);
        this.quota = quota;
        this.observer = observer;
        this.clock = clock;
    }

    /** Runs the turn; returns the answer, or throws {@link TurnFailure} with the reason the task failed. */
    String run(List<ChatMessage> prompt, ToolContext ctx) throws TurnFailure, InterruptedException {
        List<ChatMessage> messages = new ArrayList<>(prompt);
        List<java.util.Map<String, Object>> definitions = tools.definitions();
        for (int iteration = 0; iteration < model.maxToolIterations(); iteration++) {
            var refusal = quota.exceeded();
            if (refusal.isPresent()) {
                return refusal.get();
            }
            ChatRequest request = new ChatRequest(model.name(), List.copyOf(messages), definitions,
                    model.maxTokens(), model.temperature());
            ChatReply reply = call(request, ctx, iteration);
            if (reply.toolCalls().isEmpty()) {
                return reply.content() == null ? "" : reply.content();
            }
            messages.add(ChatMessage.assistant(reply.content(), reply.toolCalls()));
            for (ToolCall call : reply.toolCalls()) {
                ToolResult result = tools.execute(call.name(), call.argumentsJson(), call.id(), ctx);
                messages.add(ChatMessage.toolResult(call.id(), result.forModel()));
            }
        }
        throw new TurnFailure("stopped after " + model.maxToolIterations()
                + " tool rounds without a final answer (model.maxToolIterations)");
    }

    private ChatReply call(ChatRequest request, ToolContext ctx, int iteration) throws TurnFailure, InterruptedException {
        llmSlots.acquire();
        Instant started = clock.instant();
        try {
            ChatReply reply = provider.chat(request);
            observer.llmCall(ctx, iteration, request, reply, started, Duration.between(started, clock.instant()));
            return reply;
        } catch (ProviderException e) {
            observer.llmFailed(ctx, iteration, request, e.getMessage(), started, Duration.between(started, clock.instant()));
            throw new TurnFailure(e.getMessage());
        } finally {
            llmSlots.release();
        }
    }
}
