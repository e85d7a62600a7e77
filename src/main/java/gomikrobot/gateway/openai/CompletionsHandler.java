package gomikrobot.gateway.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import gomikrobot.bus.AnswerStream;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Inbox;
import gomikrobot.bus.Reply;
import gomikrobot.config.OpenAiApiConfig;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.timeline.TaskStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/chat/completions}: the request's last user message goes through the agent's whole pipeline as
 * the owner's message on channel {@code openai} (task, trace, policy, tools, memory), in the session named by
 * {@code X-Session-Id} or {@code user} (default {@code openai:default}), with that session's stored history, or
 * with the request's own earlier messages when {@code gateway.openai.statelessHistory} is set. The answer is a
 * {@code chat.completion}, or with {@code stream: true} server-sent chunks as the model writes, keep-alive
 * comments while it is quiet, and a line per tool when {@code gateway.openai.showToolProgress} is set. A client
 * that goes away does not stop the turn: it completes and is recorded.
 */
final class CompletionsHandler implements HttpHandler {
    static final String CHANNEL = "openai";
    static final String SESSION_HEADER = "X-Session-Id";
    private static final int MAX_SESSION_CHARS = 200;

    private final Inbox inbox;
    private final TaskStore tasks;
    private final OpenAiApiConfig config;
    private final Ids ids;
    private final Clock clock;
    private final Duration timeout;
    private final Duration keepAlive;
    private final Log log;

    CompletionsHandler(Inbox inbox, TaskStore tasks, OpenAiApiConfig config, Ids ids, Clock clock, Duration timeout,
                       Duration keepAlive, Log log) {
        this.inbox = inbox;
        this.tasks = tasks;
        this.config = config;
        this.ids = ids;
        this.clock = clock;
        this.timeout = timeout;
        this.keepAlive = keepAlive;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            CompletionRequest request = CompletionRequest.parse(exchange.getRequestBody().readAllBytes(),
                    OpenAiApi.MODEL_ID, clock.instant());
            String chat = chatOf(exchange, request);
            InboundMessage message = InboundMessage.of(CHANNEL, chat, CHANNEL + ":" + chat, "OpenAI API",
                    request.text(), true, clock.instant()).withTrace(ids.hex16());
            exchange.getResponseHeaders().set("X-Trace-Id", message.traceId());
            Completion completion = Completion.of(message.traceId(), clock.instant().getEpochSecond(),
                    OpenAiApi.MODEL_ID);
            if (request.stream()) {
                stream(exchange, request, message, completion);
            } else {
                answer(exchange, request, message, completion);
            }
        } catch (OpenAiError e) {
            Wire.error(exchange, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Wire.error(exchange, OpenAiError.of(Reply.Failure.of(Reply.Reason.SHUTTING_DOWN)));
        }
    }

    private void answer(HttpExchange exchange, CompletionRequest request, InboundMessage message,
                        Completion completion) throws IOException, InterruptedException {
        switch (ask(request, message, AnswerStream.NONE)) {
            case Reply.Answer answer -> Wire.json(exchange, 200, completion.whole(answer.text(), usage(message)));
            case Reply.Failure failure -> throw OpenAiError.of(failure);
        }
    }

    /** Writes the turn's events as they come; the first write that fails means the client has gone. */
    private void stream(HttpExchange exchange, CompletionRequest request, InboundMessage message,
                        Completion completion) throws InterruptedException, IOException {
        ChunkStream chunks = new ChunkStream(exchange, completion, request.includeUsage());
        TurnFeed feed = TurnFeed.start(stream -> ask(request, message, stream));
        boolean spoke = false;
        try {
            while (true) {
                Optional<TurnFeed.Event> next = feed.next(keepAlive);
                if (next.isEmpty()) {
                    chunks.keepAlive();
                    continue;
                }
                switch (next.get()) {
                    case TurnFeed.Event.Text(String text) -> {
                        chunks.text(text);
                        spoke = true;
                    }
                    case TurnFeed.Event.Tool(String name) -> {
                        if (config.showToolProgress()) {
                            chunks.text(progress(name, spoke));
                        }
                    }
                    case TurnFeed.Event.Done(Reply reply) -> {
                        end(chunks, reply, spoke, message);
                        return;
                    }
                }
            }
        } catch (IOException clientGone) {
            feed.abandon();
            log.info("OpenAI API client left before the answer ended; the turn goes on", "trace_id",
                    message.traceId(), "error", clientGone);
        } catch (InterruptedException stopping) {
            feed.abandon();
            throw stopping;
        }
    }

    private void end(ChunkStream chunks, Reply reply, boolean spoke, InboundMessage message) throws IOException {
        switch (reply) {
            case Reply.Answer answer -> {
                if (!spoke && !answer.text().isEmpty()) {
                    chunks.text(answer.text()); // an answer that was not produced here (a stored one) comes whole
                }
                chunks.finish(usage(message));
            }
            case Reply.Failure failure -> {
                if (!chunks.started()) {
                    throw OpenAiError.of(failure);
                }
                chunks.fail(OpenAiError.of(failure));
            }
        }
    }

    private Reply ask(CompletionRequest request, InboundMessage message, AnswerStream stream)
            throws InterruptedException {
        return config.statelessHistory()
                ? inbox.ask(message, request.earlier(), timeout, stream)
                : inbox.ask(message, timeout, stream);
    }

    private Map<String, Object> usage(InboundMessage message) {
        return Completion.usage(tasks.byTrace(message.traceId()));
    }

    /** One short line per tool, set apart from the text around it. */
    private static String progress(String tool, boolean afterText) {
        return (afterText ? "\n\n" : "") + "_(running " + tool + "…)_\n\n";
    }

    /** {@code X-Session-Id}, else {@code user}, else {@code default}; {@code openai:x} is chat {@code x}. */
    private static String chatOf(HttpExchange exchange, CompletionRequest request) {
        String header = exchange.getRequestHeaders().getFirst(SESSION_HEADER);
        String session = header != null && !header.isBlank() ? header.strip() : request.user().strip();
        if (session.startsWith(CHANNEL + ":")) {
            session = session.substring(CHANNEL.length() + 1);
        }
        if (session.isBlank()) {
            return "default";
        }
        if (session.length() > MAX_SESSION_CHARS || session.chars().anyMatch(Character::isISOControl)) {
            throw OpenAiError.invalid("the session (" + SESSION_HEADER + " or user) must be at most "
                    + MAX_SESSION_CHARS + " characters without control characters", "user");
        }
        return session;
    }
}
