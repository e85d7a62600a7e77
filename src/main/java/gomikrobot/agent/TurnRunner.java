package gomikrobot.agent;

import gomikrobot.bus.AnswerStream;
import gomikrobot.bus.Reply;
import gomikrobot.bus.Reply.Failure;
import gomikrobot.bus.Reply.Reason;
import gomikrobot.config.ModelConfig;
import gomikrobot.provider.ChatMessage;
import gomikrobot.provider.ChatReply;
import gomikrobot.provider.ChatRequest;
import gomikrobot.provider.LlmProvider;
import gomikrobot.provider.ProviderException;
import gomikrobot.provider.TokenBudget;
import gomikrobot.provider.ToolCall;
import gomikrobot.tools.ToolContext;
import gomikrobot.tools.ToolRegistry;
import gomikrobot.tools.ToolResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * One message's conversation with the model: call the LLM with the tool definitions, run the tool calls it
 * asks for through the registry (which applies the policy), feed the results back, and repeat until it answers
 * in text or {@code maxToolIterations} rounds are spent. The quota is checked before every call; calls across
 * all sessions share {@code model.maxConcurrentCalls} slots. The outcome is a {@link Reply}: the answer, or why
 * there is none.
 */
final class TurnRunner {
    private final LlmProvider provider;
    private final ToolRegistry tools;
    private final ModelConfig model;
    private final Semaphore llmSlots;
    private final TokenBudget quota;
    private final TurnObserver observer;
    private final Clock clock;

    TurnRunner(LlmProvider provider, ToolRegistry tools, ModelConfig model, TokenBudget quota,
                      TurnObserver observer, Clock clock) {
        this.provider = provider;
        this.tools = tools;
        this.model = model;
        this.llmSlots = new Semaphore(model.maxConcurrentCalls(), true);
        this.quota = quota;
        this.observer = observer;
        this.clock = clock;
    }

    /** The quota failure when today's tokens are spent: then no paid call may be made for a message. */
    Optional<Failure> overQuota() {
        return quota.spent().map(spent -> new Failure(Reason.QUOTA_EXCEEDED, spent.figures()));
    }

    /**
     * Runs the turn. The answer's text goes to {@code stream} as the model writes it (see {@link AnswerText}),
     * and the stream hears of each tool the agent starts. A tool call of a type other than {@code function} is
     * answered to the model as unsupported, so it can carry on with the tools it was offered.
     */
    Reply run(List<ChatMessage> prompt, ToolContext ctx, AnswerStream stream) throws InterruptedException {
        List<ChatMessage> messages = new ArrayList<>(prompt);
        List<Map<String, Object>> definitions = tools.definitions();
        AnswerText answer = new AnswerText(stream);
        for (int iteration = 0; iteration < model.maxToolIterations(); iteration++) {
            Optional<Failure> refusal = overQuota();
            if (refusal.isPresent()) {
                return refusal.get();
            }
            ChatRequest request = new ChatRequest(model.name(), List.copyOf(messages), definitions,
                    model.maxTokens(), model.temperature());
            ChatReply reply;
            try {
                reply = call(request, ctx, iteration, answer);
            } catch (ProviderException e) {
                return new Failure(Reason.MODEL_FAILED, e.getMessage());
            }
            if (reply.toolCalls().isEmpty()) {
                return new Reply.Answer(answer.finish(reply.finishReason()));
            }
            messages.add(ChatMessage.assistant(reply.content(), reply.toolCalls()));
            for (ToolCall call : reply.toolCalls()) {
                messages.add(ChatMessage.toolResult(call.id(), resultOf(call, ctx, stream)));
            }
        }
        return new Failure(Reason.NO_FINAL_ANSWER, "stopped after " + model.maxToolIterations()
                + " tool rounds (model.maxToolIterations)");
    }

    private String resultOf(ToolCall call, ToolContext ctx, AnswerStream stream) throws InterruptedException {
        if (!call.isFunction()) {
            return "Not run: tool calls of type \"" + call.type() + "\" are not supported here. Call one of the "
                    + "functions you were offered instead.";
        }
        stream.toolRunning(call.name());
        ToolResult result = tools.execute(call.name(), call.argumentsJson(), call.id(), ctx);
        return result.forModel();
    }

    private ChatReply call(ChatRequest request, ToolContext ctx, int iteration, AnswerText answer)
            throws InterruptedException {
        llmSlots.acquire();
        Instant started = clock.instant();
        try {
            ChatReply reply = answer.round(listener -> provider.chat(request, listener));
            observer.llmCall(ctx, iteration, request, reply, started, Duration.between(started, clock.instant()));
            return reply;
        } catch (ProviderException e) {
            observer.llmFailed(ctx, iteration, request, e.getMessage(), started, Duration.between(started, clock.instant()));
            throw e;
        } finally {
            llmSlots.release();
        }
    }
}
