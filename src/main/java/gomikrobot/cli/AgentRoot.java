package gomikrobot.cli;

import gomikrobot.agent.AgentCore;
import gomikrobot.agent.ReplyDispatcher;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.config.Config;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.provider.LlmProvider;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.Timeline;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The {@code agent -m} process's composition root: the database, the agent wired as the gateway wires it
 * ({@link AgentCore}), and a reply dispatcher that hands the answer back to the one caller. No channels, no
 * delivery worker and no recovery: a gateway may be working on the same task table right now, and it settles
 * whatever this process leaves behind. {@link #close} stops the parts in reverse order.
 */
final class AgentRoot implements AutoCloseable {
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(5);

    private final Database db;
    private final AgentCore agent;
    private final ReplyDispatcher replies;

    private AgentRoot(Database db, AgentCore agent, ReplyDispatcher replies) {
        this.db = db;
        this.agent = agent;
        this.replies = replies;
    }

    static AgentRoot start(Config config, LlmProvider llm, Path userHome, Clock clock, Log log) {
        Ids ids = new Ids(clock);
        Database db = Database.open(config.databaseFile(), log);
        Timeline timeline = Timeline.open(db, clock, ids);
        AgentCore agent;
        try {
            agent = AgentCore.wire(config, timeline, llm, userHome, () -> config.paths().workRepoPath(), ids, clock,
                    log, new Metrics());
        } catch (RuntimeException e) { // a config error found while wiring (tools.tiers): nothing else started yet
            db.close();
            throw e;
        }
        ReplyDispatcher replies = new ReplyDispatcher(agent.bus(), agent.intake(), ReplyDispatcher.LEAVE_PENDING, log);
        replies.start();
        agent.loop().start();
        return new AgentRoot(db, agent, replies);
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
        } finally {
            db.close();
        }
    }
}
