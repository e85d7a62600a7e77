package gomikrobot.timeline;

import java.time.Instant;
import java.util.List;

/**
 * The {@code group_members} roster as last seen (one row per member, the newest card wins; {@code left_at} set
 * when a member left) and the {@code group_membership_history} of this member's own joins and leaves.
 */
public final class GroupMemberStore {
    private final Database db;

    public GroupMemberStore(Database db) {
        this.db = db;
    }

    /** Stores a member's card; a member that had left and comes back is current again. */
    public void upsert(GroupMember m) {
        db.write(c -> Rows.update(c, "INSERT INTO group_members (agent_id, agent_name, soul_summary, capabilities,"
                        + " channels, model, status, last_seen, left_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)"
                        + " ON CONFLICT(agent_id) DO UPDATE SET agent_name = excluded.agent_name,"
                        + " soul_summary = excluded.soul_summary, capabilities = excluded.capabilities,"
                        + " channels = excluded.channels, model = excluded.model, status = excluded.status,"
                        + " last_seen = excluded.last_seen, left_at = NULL",
                m.agentId(), m.agentName(), m.soulSummary(), m.capabilities(), m.channels(), m.model(), m.status(),
                m.lastSeen()));
    }

    public void markLeft(String agentId, Instant at) {
        db.write(c -> Rows.update(c, "UPDATE group_members SET status = 'left', left_at = ? WHERE agent_id = ?",
                at, agentId));
    }

    /** Members that have not left, most recently seen first. */
    public List<GroupMember> current() {
        return db.read(c -> Rows.list(c, "SELECT " + GroupMember.COLUMNS + " FROM group_members"
                + " WHERE left_at IS NULL ORDER BY last_seen DESC", GroupMember::fromRow));
    }

    /** Members that left, most recently left first. */
    public List<GroupMember> previous() {
        return db.read(c -> Rows.list(c, "SELECT " + GroupMember.COLUMNS + " FROM group_members"
                + " WHERE left_at IS NOT NULL ORDER BY left_at DESC", GroupMember::fromRow));
    }

    /** One line of {@code group_membership_history}: this member {@code joined} or {@code left} a group. */
    public void recordMembership(GroupMember self, String groupName, String action, String brokers,
                                 String consumerGroup) {
        db.write(c -> Rows.update(c, "INSERT INTO group_membership_history (agent_id, group_name, action,"
                        + " kafka_brokers, consumer_group, agent_name, capabilities, channels, model)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self.agentId(), groupName, action, brokers, consumerGroup, self.agentName(), self.capabilities(),
                self.channels(), self.model()));
    }
}
