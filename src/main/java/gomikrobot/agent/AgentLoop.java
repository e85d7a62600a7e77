package gomikrobot.agent;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.MessageBus;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.observe.Log;
import gomikrobot.provider.ChatMessage;
import gomikrobot.session.SessionStore;
import gomikrobot.session.Turn;
import gomikrobot.tools.ToolContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Consumes the inbound queue and answers every message: each session's messages in order, sessions in
 * parallel on virtual threads. Per message: task {@code processing} -> history + soul files + memory -> the turn
 * (LLM and tools) -> history appended -> task {@code completed} (or {@code failed} with the reason) -> answer
 * published. The answer is stored before it is published, so its delivery survives a restart.
 *
 * <p>On start, tasks a crash left {@code processing} are ended {@code failed: interrupted} and tasks left
 * {@code pending} are queued again. On stop, in-flight work may finish until the deadline; what is still
 * running then is interrupted and its task ended {@code failed}, what has not started stays {@code pending}.
 */
public final class AgentLoop implements AutoCloseable {
    private final MessageBus bus;
    private final TaskLedger tasks;
    private final SessionStore sessions;
    private final ContextBuilder context;
    private final TurnRunner turns;
    private final MemoryContext memory;
    private final Supplier<Path> workspace;
    private final Supplier<Path> workRepo;
    private final Clock clock;
    private final Log log;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, SerialExecutor> sessionLanes = new ConcurrentHashMap<>();
    private final InFlight inFlight = new InFlight();
    private volatile Thread dispatcher;
    private volatile boolean stopping;

    AgentLoop(MessageBus bus, TaskLedger tasks, SessionStore sessions, ContextBuilder context, TurnRunner turns,
              MemoryContext memory, Supplier<Path> workspace, Supplier<Path> workRepo, Clock clock, Log log) {
        this.bus = bus;
        this.tasks = tasks;
        this.sessions = sessions;
        this.context = context;
        this.turns = turns;
        this.memory = memory;
        this.workspace = workspace;
        this.workRepo = workRepo;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Starts consuming the inbound queue. With {@code recover} (the gateway, the one long-lived owner of the
     * task table) it first settles what a previous run left behind; a one-shot {@code agent -m} must not, as a
     * gateway may be working on those tasks right now.
     */
    public void start(boolean recover) throws InterruptedException {
        if (recover) {
            recover();
        }
        dispatcher = Thread.ofVirtual().name("agent-dispatcher").start(this::dispatch);
        log.info("Agent loop started");
    }

    private void recover() throws InterruptedException {
        int interrupted = tasks.failInterrupted();
        if (interrupted > 0) {
            log.warn("Tasks interrupted by a previous crash marked failed", "count", interrupted);
        }
        List<InboundMessage> pending = tasks.pendingMessages();
        for (InboundMessage message : pending) {
            bus.requeue(message);
        }
        if (!pending.isEmpty()) {
            log.info("Resuming pending tasks", "count", pending.size());
        }
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

    private void dispatch() {
        while (!stopping) {
            try {
                InboundMessage message = bus.consumeInbound(Duration.ofMillis(500));
                if (message != null) {
                    inFlight.begin();
                    sessionLanes.computeIfAbsent(message.sessionKey(), k -> new SerialExecutor(workers))
                            .execute(() -> handleTracked(message));
                }
            } catch (InterruptedException e) {
                return; // stop() interrupts us; pending messages stay pending in the database
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void handleTracked(InboundMessage message) {
        try {
            handle(message);
        } finally {
            inFlight.end();
        }
    }

    /** Answers one message; never throws: every failure ends the task failed and answers an error. */
    void handle(InboundMessage message) {
        if (stopping && Thread.currentThread().isInterrupted()) {
            return;
        }
        tasks.markProcessing(message);
        ToolContext toolContext = new ToolContext(message.traceId(), message.taskId(), message.channel(),
                message.chatId(), message.senderId(), message.internal(), workspace.get(), workRepo.get(),
                clock.instant().plus(Duration.ofMinutes(10)));
        try {
            String answer = turns.run(prompt(message), toolContext);
            sessions.appendExchange(message.sessionKey(), message.text(), answer, clock.instant());
            OutboundMessage out = OutboundMessage.answer(message, answer);
            tasks.finish(message, out, null);
            bus.publishOutbound(out);
        } catch (TurnFailure e) {
            fail(message, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(message, "interrupted by shutdown");
        } catch (RuntimeException e) {
            log.unexpected("Failed to process message", e, "trace_id", message.traceId());
            fail(message, "internal error: " + e.getMessage());
        }
    }

    private List<ChatMessage> prompt(InboundMessage message) {
        String memoryBlock = "";
        try {
            memoryBlock = memory.relevantTo(message.text());
        } catch (RuntimeException e) {
            log.warn("RAG search failed", "trace_id", message.traceId(), "error", e);
        }
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(context.systemPrompt(message, memoryBlock)));
        for (Turn turn : sessions.history(message.sessionKey())) {
            messages.add(turn.role().equals("user") ? ChatMessage.user(turn.content())
                    : ChatMessage.assistant(turn.content(), List.of()));
        }
        String text = message.mediaPath().isBlank() ? message.text()
                : message.text() + "\n[attached file: " + message.mediaPath() + "]";
        messages.add(ChatMessage.user(text));
        return messages;
    }

    private void fail(InboundMessage message, String reason) {
        log.warn("Task failed", "trace_id", message.traceId(), "task_id", message.taskId(), "error", reason);
        OutboundMessage out = OutboundMessage.failure(message, "Error: " + reason);
        tasks.finish(message, out, reason);
        try {
            bus.publishOutbound(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            log.debug("Bus closed; failure answer not published", "trace_id", message.traceId());
        }
    }

    private static final class InFlight {
        private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        private final java.util.concurrent.locks.Condition idle = lock.newCondition();
        private int count;

        void begin() {
            lock.lock();
            try {
                count++;
            } finally {
                lock.unlock();
            }
        }

        void end() {
            lock.lock();
            try {
                if (--count == 0) {
                    idle.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        int count() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }

        boolean awaitIdle(Duration timeout) throws InterruptedException {
            long nanos = timeout.toNanos();
            lock.lock();
            try {
                while (count > 0) {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = idle.awaitNanos(nanos);
                }
                return true;
            } finally {
                lock.unlock();
            }
        }
    }
}
