package gomikrobot.approval;

import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.policy.OwnerAnswer;
import gomikrobot.policy.OwnerApproval;
import gomikrobot.policy.OwnerQuestion;
import gomikrobot.policy.PolicyRequest;
import gomikrobot.timeline.ApprovalRecord;
import gomikrobot.timeline.ApprovalStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The gateway's approvals: a tool call the policy engine may not allow by itself is stored as a pending row of
 * {@code approval_requests}, the owner is asked on every {@link OwnerChannel}, and the calling session (only it)
 * waits on its own thread until the owner answers ({@link #answer}: a reply in chat, the dashboard, the API) or
 * {@code policy.approvalTimeout} ends the wait ({@code timeout}). Each request is settled exactly once: whoever
 * takes it out of the waiting ones first (an answer, the timeout, {@link #close}) writes its status and decides
 * the waiting call. The first {@link ApprovalRecord#CODE_LENGTH} characters of its id (with a digit, unique among
 * the pending ones) are the code the owner answers with.
 */
public final class Approvals implements OwnerApproval, AutoCloseable {
    private final ApprovalStore store;
    private final Duration timeout;
    private final Ids ids;
    private final Log log;
    private final List<OwnerChannel> owners = new CopyOnWriteArrayList<>();
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final Object minting = new Object();
    private volatile boolean closed;

    public Approvals(ApprovalStore store, Duration timeout, Ids ids, Log log) {
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("approval timeout must be positive: " + timeout);
        }
        this.store = store;
        this.timeout = timeout;
        this.ids = ids;
        this.log = log;
    }

    /** Adds a channel on which the owner is asked (and acknowledged when they answer there). */
    public void addOwnerChannel(OwnerChannel channel) {
        owners.add(channel);
    }

    /** Stores the request, asks the owner and waits for the answer, at most {@code policy.approvalTimeout}. */
    @Override
    public OwnerAnswer ask(OwnerQuestion question) throws InterruptedException {
        if (closed) {
            throw new InterruptedException("the gateway is stopping; nobody is asked any more");
        }
        Waiting request = register(question.call(), question.argumentsJson());
        ApprovalRecord record = request.record();
        log.info("Approval requested", "approval_id", record.approvalId(), "tool", record.tool(), "tier",
                record.tier(), "sender", record.sender(), "trace_id", record.traceId());
        tellAll(ApprovalText.question(record, question.call(), question.summary(), timeout));
        try {
            return request.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (settle(request, ApprovalRecord.TIMEOUT, Optional.of(new OwnerAnswer.TimedOut(timeout)))) {
                log.info("Approval timed out", "approval_id", record.approvalId(), "after", timeout);
                tellAll(ApprovalText.expired(record, timeout));
            }
            return request.answer().join(); // settled: by the timeout, or by an answer just as the wait ended
        } catch (InterruptedException e) {
            settle(request, ApprovalRecord.DENIED, Optional.empty());
            throw e;
        } catch (CancellationException e) {
            throw new InterruptedException("the gateway stopped while waiting for the owner"); // see close()
        } catch (ExecutionException e) {
            throw new IllegalStateException("an approval is only ever answered normally", e);
        }
    }

    /**
     * The owner's answer to the pending request with this id or code; {@code via} says where it came from
     * (a channel name, {@code dashboard}), for the log.
     */
    public Resolution answer(String idOrCode, boolean approved, String via) {
        String key = idOrCode.strip().toLowerCase(Locale.ROOT);
        Optional<Waiting> found = waiting.values().stream()
                .filter(w -> w.record().approvalId().equals(key) || w.record().code().equals(key)).findFirst();
        OwnerAnswer answer = approved ? new OwnerAnswer.Approved(via) : new OwnerAnswer.Denied(via);
        if (found.isEmpty() || !settle(found.get(), approved ? ApprovalRecord.APPROVED : ApprovalRecord.DENIED,
                Optional.of(answer))) {
            Optional<ApprovalRecord> known = key.length() == ApprovalRecord.CODE_LENGTH
                    ? store.newestWithCode(key) : store.byId(key);
            return new Resolution.NotPending(key, known);
        }
        Waiting request = found.get();
        log.info("Approval answered", "approval_id", request.record().approvalId(), "approved", approved, "via", via);
        return new Resolution.Answered(request.record(), approved);
    }

    /** The requests waiting for the owner, oldest first. */
    public List<ApprovalRecord> pending() {
        return store.pending();
    }

    /** Tells the owner on the channel named {@code channel}; false when there is no such owner channel. */
    public boolean tell(String channel, String text) {
        return owners.stream().filter(o -> o.name().equals(channel)).findFirst().map(o -> o.tell(text)).orElse(false);
    }

    /**
     * Ends every wait, and every later one before it starts: the requests are denied, and their calls fail as
     * interrupted (the gateway is stopping).
     */
    @Override
    public void close() {
        closed = true;
        waiting.values().forEach(request -> settle(request, ApprovalRecord.DENIED, Optional.empty()));
    }

    private Waiting register(PolicyRequest call, String argumentsJson) {
        synchronized (minting) {
            String id = freshId();
            ApprovalRecord record = store.create(id, call.traceId(), call.taskId(), call.tool(), call.tier(),
                    argumentsJson, call.sender(), call.channel());
            Waiting request = new Waiting(record, new CompletableFuture<>());
            waiting.put(id, request);
            return request;
        }
    }

    /** A new id whose code has a digit (so "no cafe" stays a message) and is not a pending request's code. */
    private String freshId() {
        while (true) {
            String id = ids.hex16();
            String code = id.substring(0, ApprovalRecord.CODE_LENGTH);
            if (code.chars().anyMatch(Character::isDigit)
                    && waiting.values().stream().noneMatch(w -> w.record().code().equals(code))) {
                return id;
            }
        }
    }

    /**
     * Takes the request out of the waiting ones, writes its status and decides the waiting call with
     * {@code outcome} (none: the wait is cut short, see {@link #close}); false when someone else did first.
     */
    private boolean settle(Waiting request, String status, Optional<OwnerAnswer> outcome) {
        String id = request.record().approvalId();
        if (!waiting.remove(id, request)) {
            return false;
        }
        try {
            store.settle(id, status);
        } catch (RuntimeException e) {
            // the waiting call must still get its answer; the row stays pending until the next start settles it
            log.unexpected("Approval status not stored", e, "approval_id", id, "status", status);
        }
        outcome.ifPresentOrElse(request.answer()::complete, () -> request.answer().cancel(false));
        return true;
    }

    private void tellAll(String text) {
        for (OwnerChannel owner : owners) {
            try {
                owner.tell(text);
            } catch (RuntimeException e) {
                log.unexpected("Owner channel failed", e, "channel", owner.name()); // the others are still told
            }
        }
    }

    /** A pending request and where its answer goes. */
    private record Waiting(ApprovalRecord record, CompletableFuture<OwnerAnswer> answer) {
    }
}
