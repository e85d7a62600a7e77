package gomikrobot.cli;

import gomikrobot.agent.AgentCore;
import gomikrobot.agent.ReplyDispatcher;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.config.Config;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.policy.OwnerApproval;
import gomikrobot.process.Sandbox;
import gomikrobot.provider.LazyProvider;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.Timeline;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * The {@code agent -m} process's composition root: the database, the agent wired as the gateway wires it
 * ({@link AgentCore}), and a reply dispatcher that hands the answer back to the one caller. No channels, no
 * delivery worker, no recovery, no soul-file indexing, no metrics endpoint: a gateway may be working on the same
 * task table right now, and it settles whatever this process leaves behind. The work start-up cannot skip
 * runs side by side: the provider's HTTP client, the probe for {@code exec}'s sandbox (a process of its own) and
 * the seeding of the id generator happen while the database opens. {@link #close} stops the parts in reverse order.
 */
final class AgentRoot implements AutoCloseable {
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(5);

    private final LazyProvider llm;
    private final Database db;
    private final AgentCore agent;
    private final ReplyDispatcher replies;

    private AgentRoot(LazyProvider llm, Database db, AgentCore agent, ReplyDispatcher replies) {
        this.llm = llm;
        this.db = db;
        this.agent = agent;
        this.replies = replies;
    }

    static AgentRoot start(Config config, LazyProvider llm, Path userHome, Clock clock, Log log) {
        llm.prepareInBackground();
        CompletableFuture<Sandbox> sandbox = Sandbox.chooseInBackground(config.tools().exec(), config.cacheDir());
        CompletableFuture<Ids> seeded = inBackground("ids", () -> new Ids(clock)); // seeding its SecureRandom
        Database db = Database.open(config.databaseFile(), log);
        Ids ids = seeded.join();
        Timeline timeline = Timeline.open(db, clock, ids);
        // platform threads for the turn: a virtual one reading the model's answer would hold the exit back (AgentCore)
        ThreadFactory turnThreads = Thread.ofPlatform().name("turn-", 0).daemon().factory();
        AgentCore agent;
        try {
            agent = AgentCore.wire(config, timeline, llm, userHome, () -> config.paths().workRepoPath(), OwnerApproval.NOBODY,
                    ids, clock, log, new Metrics(), sandbox.join(), turnThreads);
        } catch (RuntimeException e) { // a config error found while wiring (tools.tiers): nothing else started yet
            db.close();
            throw e;
        }
        ReplyDispatcher replies = new ReplyDispatcher(agent.bus(), agent.intake(), ReplyDispatcher.LEAVE_PENDING, log);
        replies.start();
        agent.loop().start();
        return new AgentRoot(llm, db, agent, replies);
    }

    private static <T> CompletableFuture<T> inBackground(String name, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> Thread.ofVirtual().name(name).start(task));
    }

    Reply ask(InboundMessage message, Duration timeout) throws InterruptedException {
        return agent.intake().ask(message, timeout);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            agent.loop().stop(DRAIN_DEADLINE);
            agent.intake().close();
            replies.close();
            agent.bus().close();
            llm.close(); // its client's selector thread would hold the JVM's exit up to 300 ms
        } finally {
            db.close();
        }
    }
}
