package gomikrobot.bus;

import gomikrobot.session.Turn;
import java.time.Duration;
import java.util.List;

/**
 * Where every message enters the gateway: a channel, an HTTP handler, a scheduler or a peer agent hands it
 * over here and never touches the queues or the task table itself. Whatever {@link #submit} or {@link #ask}
 * accepted is stored before they return, so it is answered even across a crash. Implemented by
 * {@code agent.Intake}; channels get it through their {@code ChannelContext}.
 */
public interface Inbox {

    /**
     * Stores the message and queues it for its session; returns at once. The reply goes out through the
     * channel's delivery (WhatsApp, the web UI, ...), and its text also reaches {@code stream} as it is produced
     * (the dashboard's web chat shows it growing).
     */
    Receipt submit(InboundMessage message, AnswerStream stream) throws InterruptedException;

    /** {@link #submit(InboundMessage, AnswerStream)} without following the answer as it is produced. */
    default Receipt submit(InboundMessage message) throws InterruptedException {
        return submit(message, AnswerStream.NONE);
    }

    /**
     * Stores and queues the message, then waits up to {@code timeout} for its reply; for callers that answer
     * in-line (the local API, {@code agent -m}). The answer's text also reaches {@code stream} as it is produced
     * (in pieces, when the model streams). Never throws for a failed or late answer: that is a
     * {@link Reply.Failure}.
     */
    Reply ask(InboundMessage message, Duration timeout, AnswerStream stream) throws InterruptedException;

    /** {@link #ask(InboundMessage, Duration, AnswerStream)} without following the answer as it is produced. */
    default Reply ask(InboundMessage message, Duration timeout) throws InterruptedException {
        return ask(message, timeout, AnswerStream.NONE);
    }

    /**
     * As {@link #ask(InboundMessage, Duration, AnswerStream)}, answered with {@code history} as the conversation
     * so far instead of the session's stored history, which this exchange leaves untouched (a client that keeps
     * the conversation itself, such as the OpenAI-compatible API with {@code gateway.openai.statelessHistory}).
     */
    Reply ask(InboundMessage message, List<Turn> history, Duration timeout, AnswerStream stream)
            throws InterruptedException;
}
