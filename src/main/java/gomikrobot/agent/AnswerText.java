package gomikrobot.agent;

import gomikrobot.bus.AnswerStream;
import gomikrobot.provider.ChatListener;
import gomikrobot.provider.ChatReply;
import java.util.Optional;
import java.util.function.Function;

/**
 * A turn's answer as the person reads it, built while the model writes it: the text of every round (what the
 * model says before it calls a tool included), rounds a blank line apart, and a closing note when the provider
 * cut the answer short or filtered it. Each piece goes to the {@link AnswerStream} as it is added, so the
 * stream's deltas always add up to exactly the answer.
 */
final class AnswerText {
    private final AnswerStream stream;
    private final StringBuilder text = new StringBuilder();
    private boolean roundSpoke;

    AnswerText(AnswerStream stream) {
        this.stream = stream;
    }

    /**
     * Runs one round's model call: streamed piece by piece when someone follows the answer, else asked for whole
     * (nobody would see the pieces); either way the round's text joins the answer.
     */
    ChatReply round(Function<ChatListener, ChatReply> call) {
        roundSpoke = false;
        if (stream != AnswerStream.NONE) {
            return call.apply(this::piece);
        }
        ChatReply reply = call.apply(ChatListener.NONE);
        if (!reply.text().isEmpty()) {
            piece(reply.text());
        }
        return reply;
    }

    /** The whole answer, with a note when the last round ended for a reason the person should know. */
    String finish(String finishReason) {
        note(finishReason).ifPresent(note -> add(text.isEmpty() ? note : "\n\n" + note));
        return text.toString();
    }

    /** What the person is told when a provider stops an answer for a reason other than being done. */
    static Optional<String> note(String finishReason) {
        return switch (finishReason == null ? "" : finishReason) {
            case "length" -> Optional.of("[The answer was cut off here: it reached the length limit "
                    + "(model.maxTokens).]");
            case "content_filter" -> Optional.of("[The provider's content filter withheld this answer or part of it.]");
            default -> Optional.empty();
        };
    }

    private void piece(String piece) {
        if (!roundSpoke && !text.isEmpty()) {
            add("\n\n");
        }
        roundSpoke = true;
        add(piece);
    }

    private void add(String piece) {
        text.append(piece);
        stream.delta(piece);
    }
}
