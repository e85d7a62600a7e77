package gomikrobot.provider;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Assembles a streamed chat completion (its {@code chat.completion.chunk} events) into the {@link ChatReply} the
 * whole answer would have been. Content and refusal pieces go to the listener the moment they arrive; tool-call
 * pieces are joined by their {@code index} (id, type and name come once, the arguments in pieces); the last
 * {@code finish_reason} counts; the usage comes from the final chunk ({@code stream_options.include_usage}).
 * Only the first choice is read. An {@code error} event is the provider's failure, reported like any answer we
 * cannot use, as a {@link JsonException}.
 */
final class ChatStream {
    static final String DONE = "[DONE]";

    private final ChatListener listener;
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder refusal = new StringBuilder();
    private final Map<Long, PartialCall> calls = new TreeMap<>();
    private boolean sawChoice;
    private boolean sawContent;
    private boolean sawRefusal;
    private boolean done;
    private String finishReason;
    private String model;
    private Usage usage = Usage.NONE;

    ChatStream(ChatListener listener) {
        this.listener = listener;
    }

    /** Reads one event's data: a chunk, or {@code [DONE]}, after which nothing more is read. */
    void accept(String data) {
        if (data.strip().equals(DONE)) {
            done = true;
            return;
        }
        JsonObject chunk = Json.parseObject(data);
        ChatCodec.requireNoError(chunk);
        model = model == null ? chunk.string("model").orElse(null) : model;
        if (chunk.raw("usage") != null) {
            usage = ChatCodec.usage(chunk.object("usage"));
        }
        List<Object> choices = chunk.array("choices");
        if (!choices.isEmpty()) {
            sawChoice = true;
            choice(ChatCodec.asObject(choices.getFirst(), "choices[0]"));
        }
    }

    /** True once {@code [DONE]} arrived. */
    boolean done() {
        return done;
    }

    /** True when the stream said why the answer ended: it is whole even if {@code [DONE]} never came. */
    boolean finished() {
        return done || finishReason != null;
    }

    /** The assembled answer, or empty when no choice arrived at all (a stream with {@code choices: []} only). */
    Optional<ChatReply> reply(String requestedModel) {
        if (!sawChoice) {
            return Optional.empty();
        }
        List<ToolCall> assembled = new ArrayList<>(calls.size());
        calls.forEach((index, call) -> assembled.add(call.toToolCall(index)));
        return Optional.of(new ChatReply(sawContent ? content.toString() : null, assembled, finishReason, usage,
                model == null ? requestedModel : model, sawRefusal ? refusal.toString() : null));
    }

    private void choice(JsonObject choice) {
        if (choice.raw("index") != null && choice.integer("index", 0) != 0) {
            return;
        }
        finishReason = choice.string("finish_reason").orElse(finishReason);
        JsonObject delta = choice.object("delta");
        delta.string("content").ifPresent(piece -> {
            sawContent = true;
            text(content, piece);
        });
        delta.string("refusal").ifPresent(piece -> {
            sawRefusal = true;
            text(refusal, piece);
        });
        List<Object> pieces = delta.array("tool_calls");
        for (int i = 0; i < pieces.size(); i++) {
            JsonObject piece = ChatCodec.asObject(pieces.get(i), "delta.tool_calls[" + i + "]");
            long index = piece.integer("index").orElse((long) i);
            calls.computeIfAbsent(index, k -> new PartialCall()).add(piece);
        }
    }

    private void text(StringBuilder into, String piece) {
        if (!piece.isEmpty()) {
            into.append(piece);
            listener.text(piece);
        }
    }

    /** One tool call while its pieces arrive. */
    private static final class PartialCall {
        private String id = "";
        private String type = "";
        private String name = "";
        private final StringBuilder arguments = new StringBuilder();

        void add(JsonObject piece) {
            id = id.isEmpty() ? piece.string("id", "") : id;
            type = type.isEmpty() ? piece.string("type", "") : type;
            String kind = type.isEmpty() ? ToolCall.FUNCTION : type;
            JsonObject body = piece.object(kind);
            String namePiece = body.string("name", "");
            // OpenAI sends the name once; a few servers repeat it in every piece, others split it
            if (!namePiece.equals(name)) {
                name += namePiece;
            }
            Object args = body.raw(kind.equals(ToolCall.FUNCTION) ? "arguments" : "input");
            if (args != null) {
                arguments.append(ChatCodec.arguments(args, "tool call"));
            }
        }

        ToolCall toToolCall(long index) {
            String where = "tool_calls[" + index + "]";
            if (id.isEmpty()) {
                throw new JsonException(where + " has no id");
            }
            if (name.isEmpty()) {
                throw new JsonException(where + " has no function name");
            }
            return new ToolCall(id, name, arguments.toString(), type);
        }
    }
}
