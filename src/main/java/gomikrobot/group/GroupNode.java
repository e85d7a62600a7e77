package gomikrobot.group;

import gomikrobot.bus.Inbox;
import gomikrobot.config.Config;
import gomikrobot.config.GroupConfig;
import gomikrobot.delivery.DeliveryLog;
import gomikrobot.delivery.Route;
import gomikrobot.memory.Memory;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.timeline.EventStore;
import gomikrobot.timeline.GroupMember;
import gomikrobot.timeline.GroupTables;
import gomikrobot.timeline.GroupTask;
import gomikrobot.timeline.SettingsStore;
import gomikrobot.timeline.SharedItem;
import gomikrobot.tools.Tool;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * This gateway as a member of a Kafka group: what the rest of the gateway uses (the HTTP API, the tools, the
 * delivery route of channel {@code group}). It exists only when {@code group.enabled}; then it joins at start —
 * the group named in the settings when one was joined through the API, else the configured one, unless the last
 * word was a leave — retrying in the background while the brokers cannot be reached. Built before the agent
 * (whose tools it provides), {@linkplain #attach attached} to it once the agent exists, then started.
 */
public final class GroupNode implements AutoCloseable {
    static final String SETTING_NAME = "group_name";
    static final String SETTING_ACTIVE = "group_active";
    private static final Duration JOIN_RETRY_MAX = Duration.ofMinutes(1);

    private final GroupConfig config;
    private final String self;
    private final String model;
    private final GroupTables tables;
    private final SettingsStore settings;
    private final Roster roster;
    private final Outgoing outgoing;
    private final IncomingTasks incoming;
    private final RemoteSpans spans;
    private final SharedMemory shared;
    private final Metrics.Counter dropped;
    private final Ids ids;
    private final Clock clock;
    private final Log log;
    private volatile Agent agent;
    private volatile Membership membership;
    private volatile Thread joiner;
    private volatile boolean stopped;

    /** What the node needs of the agent, which is built after it. */
    public record Agent(Inbox inbox, Memory memory, DeliveryLog deliveries, Supplier<Collection<String>> tools,
                        List<String> channels) {
    }

    private GroupNode(Config config, GroupTables tables, EventStore events, SettingsStore settings, Ids ids,
                      Clock clock, Log log, Metrics metrics) {
        this.config = config.group();
        this.self = agentIdOf(config.group());
        this.model = config.model().name();
        this.tables = tables;
        this.settings = settings;
        this.roster = new Roster(clock);
        this.outgoing = new Outgoing(self, tables.tasks(), ids, clock);
        this.spans = new RemoteSpans(events, tables.traces(), outgoing::askedOf);
        this.incoming = new IncomingTasks(self, this.config, tables.tasks(), () -> agent, () -> membership, spans,
                clock);
        this.shared = new SharedMemory(self, tables.memory(), () -> agent.memory(), ids, clock);
        this.dropped = metrics.counter("gomikrobot_group_records_dropped_total",
                "Group records dropped unread, by reason", "reason");
        this.ids = ids;
        this.clock = clock;
        this.log = log;
    }

    /** The node when {@code group.enabled}, else none (and nothing of Kafka is loaded). */
    public static Optional<GroupNode> createIfEnabled(Config config, GroupTables tables, EventStore events,
                                                      SettingsStore settings, Ids ids, Clock clock, Log log,
                                                      Metrics metrics) {
        return config.group().enabled() ? Optional.of(new GroupNode(config, tables, events, settings, ids, clock, log,
                metrics)) : Optional.empty();
    }

    /** {@code group.agentId}, or the original's {@code gomikrobot-<hostname>}. */
    public static String agentIdOf(GroupConfig config) {
        return config.agentId().isBlank() ? AgentIds.hostDefault() : config.agentId();
    }

    /** {@code delegate} and {@code share}, both tier 1. */
    public List<Tool> tools() {
        return List.of(new DelegateTool(this), new ShareTool(this));
    }

    /** The delivery route of channel {@code group}: answers of tasks run for other members go back this way. */
    public Route route() {
        return incoming;
    }

    public String channel() {
        return IncomingTasks.CHANNEL;
    }

    public void attach(Agent parts) {
        this.agent = parts;
    }

    /** Joins in the background (unless the last word was a leave), retrying while the brokers are unreachable. */
    public void start() {
        if (agent == null) {
            throw new IllegalStateException("attach the agent before starting the group");
        }
        if (settings.get(SETTING_ACTIVE).orElse("").equals("false")) {
            log.info("Not joining the group: it was left through the API (POST /api/v1/group/join to join again)");
            return;
        }
        String name = settings.get(SETTING_NAME).filter(n -> !n.isBlank()).orElse(config.groupName());
        joiner = Thread.ofVirtual().name("group-join").start(() -> joinWithRetries(name));
    }

    public synchronized Status join(String groupName) throws GroupException {
        Membership m = membership;
        if (m != null && m.groupName().equals(groupName)) {
            return status();
        }
        leaveQuietly();
        open(groupName);
        settings.put(SETTING_NAME, groupName);
        settings.put(SETTING_ACTIVE, "true");
        return status();
    }

    public synchronized void leave() throws GroupException {
        Membership m = current();
        membership = null;
        m.leave();
        tables.members().recordMembership(selfRow(), m.groupName(), "left", config.kafkaBrokers(),
                config.consumerGroupFor(self));
        roster.clear();
        settings.put(SETTING_ACTIVE, "false");
        log.info("Left the group", "group", m.groupName());
    }

    /** Whether this member is in a group, which, as whom, and how many members are online. */
    public record Status(boolean active, String agentId, String groupName, long memberCount, boolean connected) {
    }

    public Status status() {
        Membership m = membership;
        return m == null ? new Status(false, self, "", 0, false)
                : new Status(true, self, m.groupName(), roster.onlineCount(), m.connected());
    }

    /** The live roster: every member heard from, with {@code online} or {@code offline}. */
    public List<GroupMember> members() {
        return roster.members().stream().map(m -> m.card().row(m.status(), m.lastSeen())).toList();
    }

    /** Sends a task and returns at once; its answer is recorded when it comes. */
    public GroupTask submit(Target target, String description, String content, String traceId) throws GroupException {
        return submit(target, description, content, traceId, "");
    }

    /** As above, for the work of a task {@code askedBy} sent here: it never goes back to that member. */
    GroupTask submit(Target target, String description, String content, String traceId, String askedBy)
            throws GroupException {
        Membership m = current();
        String responder = switch (roster.choose(target, self, askedBy)) {
            case Roster.Choice.To to -> to.agentId();
            case Roster.Choice.None none -> throw new GroupException(GroupException.Kind.NO_MEMBER, none.why());
        };
        try {
            return outgoing.submit(m.publisher(), responder, description, content, traceId, config.taskTimeout());
        } catch (GroupTransport.PublishException e) {
            throw new GroupException(GroupException.Kind.UNREACHABLE, e.getMessage());
        }
    }

    /** Sends a task and waits up to {@code group.taskTimeout} for its answer; empty when none came in time. */
    Optional<GroupTask> delegate(Target target, String description, String content, String traceId, String askedBy)
            throws GroupException, InterruptedException {
        GroupTask task = submit(target, description, content, traceId, askedBy);
        return outgoing.await(task.taskId(), config.taskTimeout());
    }

    public SharedItem share(String title, String contentType, String content, List<String> tags)
            throws GroupException {
        Membership m = current();
        try {
            return shared.share(m.publisher(), title, contentType, content, tags);
        } catch (GroupTransport.PublishException e) {
            throw new GroupException(GroupException.Kind.UNREACHABLE, e.getMessage());
        }
    }

    public String agentId() {
        return self;
    }

    public Duration taskTimeout() {
        return config.taskTimeout();
    }

    /** Leaves without announcing it (the others see this member go offline) and stops. */
    @Override
    public synchronized void close() {
        stopped = true;
        Thread j = joiner;
        if (j != null) {
            j.interrupt();
        }
        Membership m = membership;
        membership = null;
        if (m != null) {
            m.close();
        }
    }

    private Membership current() throws GroupException {
        Membership m = membership;
        if (m == null) {
            throw new GroupException(GroupException.Kind.NOT_IN_GROUP, "not in a group");
        }
        return m;
    }

    private void open(String groupName) throws GroupException {
        GroupTransport transport;
        try {
            transport = TransportFactory.find().open(config, groupName, self, log);
        } catch (RuntimeException e) {
            throw new GroupException(GroupException.Kind.UNREACHABLE, "join failed: " + e.getMessage());
        }
        Membership m = new Membership(groupName, self, this::card, transport, new RecordCodec(config.secret(),
                groupName), roster, new Membership.Parts(outgoing, incoming, spans, shared), tables.members(),
                dropped, ids, clock, log);
        try {
            m.join();
        } catch (GroupTransport.PublishException | RuntimeException e) {
            m.close();
            throw new GroupException(GroupException.Kind.UNREACHABLE, "join failed: " + e.getMessage());
        }
        membership = m;
        tables.members().recordMembership(selfRow(), groupName, "joined", config.kafkaBrokers(),
                config.consumerGroupFor(self));
        log.info("Joined the group", "group", groupName, "agent_id", self, "brokers", config.kafkaBrokers());
    }

    private void joinWithRetries(String groupName) {
        Duration wait = Duration.ofSeconds(1);
        while (!stopped) {
            try {
                synchronized (this) {
                    if (!stopped && membership == null) {
                        open(groupName);
                    }
                }
                return;
            } catch (GroupException e) {
                log.warn("Group not joined yet; retrying", "group", groupName, "error", e.getMessage(),
                        "retry_in", wait.toSeconds() + "s");
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(JOIN_RETRY_MAX) > 0 ? JOIN_RETRY_MAX : wait.multipliedBy(2);
        }
    }

    private void leaveQuietly() {
        Membership m = membership;
        membership = null;
        if (m != null) {
            m.leave();
            roster.clear();
        }
    }

    private MemberCard card() {
        Agent a = agent;
        List<String> tools = a.tools().get().stream().sorted().toList();
        return new MemberCard(self, self, model, tools, a.channels(), MemberCard.ACTIVE, config.heartbeatInterval());
    }

    private GroupMember selfRow() {
        return card().row(MemberCard.ACTIVE, clock.instant());
    }
}
