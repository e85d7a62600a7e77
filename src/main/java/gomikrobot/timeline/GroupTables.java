package gomikrobot.timeline;

/**
 * The Kafka group's tables over one open {@link Database}: its tasks, roster, remote spans and shared memory.
 * They exist (and can be read) whether or not a group is configured.
 */
public record GroupTables(GroupTaskStore tasks, GroupMemberStore members, GroupTraceStore traces,
                          SharedItemStore memory) {

    public static GroupTables open(Database db) {
        return new GroupTables(new GroupTaskStore(db), new GroupMemberStore(db), new GroupTraceStore(db),
                new SharedItemStore(db));
    }
}
