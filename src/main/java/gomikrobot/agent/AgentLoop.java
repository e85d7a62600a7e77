package gomikrobot.agent;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.MessageBus;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.bus.Reply.Failure;
import gomikrobot.bus.Reply.Reason;
import gomikrobot.observe.Log;
import gomikrobot.provider.ChatMessage;
import gomikrobot.session.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * Consumes the inbound queue and answers every message: each session's messages in order, sessions in parallel
 * ({@link SessionLanes}), each turn on a new thread of the process's choosing (see {@link AgentCore}).
 * {@link #answer} is the agent's half of the request lifecycle. The reply is stored with its task before it is
 * published, so its delivery survives a restart.
 *
 * <p>On stop, in-flight work may finish until the deadline; what is still running then is interrupted and its
 * task ended {@code failed: interrupted}; what has not started stays {@code pending} for the next start.
 */
public final class AgentLoop implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(500);

    private final MessageBus bus;
    private final TaskLedger ledger;
    private final ContextBuilder context;
    private final TurnRunner turns;
    private final SessionStore sessions;
    private final Function<String, Caller> callers;
    private final Clock clock;
    private final Log log;
    private final ExecutorService workers;
    private final SessionLanes lanes;
    private final InFlight inFlight = new InFlight();
    private volatile Thread dispatcher;
    private volatile boolean stopping;

    /**
     * @param callers     what the caller of a task brought (a stream following the answer, a history), by task id
     * @param turnThreads makes the thread each turn runs on
     */
    AgentLoop(MessageBus bus, TaskLedger ledger, ContextBuilder context, TurnRunner turns, SessionStore sessions,
              Function<String, Caller> callers, ThreadFactory turnThreads, Clock clock, Log log) {
        this.bus = bus;
        this.ledger = ledger;
        this.context = context;
        this.turns = turns;
        this.sessions = sessions;
        this.callers = callers;
        this.workers = Executors.newThreadPerTaskExecutor(turnThreads);
        this.lanes = new SessionLanes(workers);
        this.clock = clock;
        this.log = log;
    }

    public void start() {
        dispatcher = Thread.ofVirtual().name("agent-dispatcher").start(this::dispatch);
        log.info("Agent loop started");
    }

    public boolean isRunning() {
        Thread t = dispatcher;
        return t != null && t.isAlive() && !stopping;
    }

    /** Stops taking messages and lets in-flight ones finish until {@code deadline}; then interrupts them. */
    public void stop(Duration deadline) throws InterruptedException {
        stopping = true;
        Thread t = dispatcher;
        if (t != null) {
            t.interrupt();
            t.join(Duration.ofSeconds(2));
        }
        if (!inFlight.awaitIdle(deadline)) {
            log.warn("Shutdown deadline reached; interrupting in-flight messages", "count", inFlight.count());
            workers.shutdownNow();
            inFlight.awaitIdle(Duration.ofSeconds(5));
        }
        workers.shutdown();
        log.info("Agent loop stopped");
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(10));
    }

    /**
     * The agent's half of the request lifecycle, one call per step: (1) the task is {@code processing}, (2) the
     * reply is worked out (quota, prompt with soul files, history and memory, LLM and tool rounds), (3) the task
     * ends {@code completed} or {@code failed} with the reply stored, (4) the reply is published. Throws only when
     * the database cannot record the task.
     */
    void answer(InboundMessage message) {
        ledger.markProcessing(message);
        Reply reply = replyTo(message);
        ledger.finish(message, reply);
        publish(OutboundMessage.to(message, reply));
    }

    private Reply replyTo(InboundMessage message) {
        try {
            Optional<Failure> overQuota = turns.overQuota(); // before the prompt: its memory search is paid too
            if (overQuota.isPresent()) {
                return overQuota.get();
            }
            Caller caller = callers.apply(message.taskId());
            List<ChatMessage> prompt = caller.history().map(history -> context.prompt(message, history))
                    .orElseGet(() -> context.prompt(message));
            Reply reply = turns.run(prompt, context.toolContext(message), caller.stream());
            // a caller that brought its own history keeps the conversation itself: the session stays as it was
            if (reply instanceof Reply.Answer answer && caller.history().isEmpty()) {
                sessions.appendExchange(message.sessionKey(), message.text(), answer.text(), clock.instant());
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure(Reason.INTERRUPTED, "the gateway shut down during the turn");
        } catch (RuntimeException e) {
            log.unexpected("Failed to process message", e, "trace_id", message.traceId());
            return new Failure(Reason.INTERNAL, String.valueOf(e.getMessage()));
        }
    }

    private void publish(OutboundMessage reply) {
        if (reply.reply() instanceof Failure failure) {
            log.warn("Task failed", "trace_id", reply.traceId(), "task_id", reply.taskId(), "error", failure.errorText());
        }
        try {
            bus.publishOutbound(reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            log.debug("Bus closed; the stored reply is delivered after a restart", "trace_id", reply.traceId());
        }
    }

    private void dispatch() {
        while (!stopping) {
            try {
                InboundMessage message = bus.consumeInbound(POLL);
                if (message != null) {
                    hand(message);
                }
            } catch (InterruptedException | RejectedExecutionException e) {
                return; // stop() interrupts us; queued messages stay pending in the database
            }
        }
    }

    private void hand(InboundMessage message) {
        inFlight.begin();
        try {
            lanes.execute(message.sessionKey(), () -> answerTracked(message));
        } catch (RejectedExecutionException e) {
            inFlight.end();
            throw e;
        }
    }

    private void answerTracked(InboundMessage message) {
        try {
            if (!(stopping && Thread.currentThread().isInterrupted())) {
                answer(message);
            }
        } catch (RuntimeException e) {
            // the task row could not be written: it stays as it was, and the next start settles it
            log.unexpected("Task not recorded", e, "trace_id", message.traceId(), "task_id", message.taskId());
        } finally {
            inFlight.end();
        }
    }

    /** Sessions with a message queued or running (idle sessions hold no lane). */
    int activeSessions() {
        return lanes.size();
    }
}
