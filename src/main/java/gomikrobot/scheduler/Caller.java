package gomikrobot.scheduler;

import gomikrobot.timeline.ScheduledJob;

/**
 * Who asks about jobs: the owner (the dashboard, the API, the command line, the owner's own messages), who may
 * see and change every job, or another person, who may only see and change the jobs that answer them.
 */
public record Caller(boolean owner, String channel, String senderId) {
    /** The owner, outside any conversation. */
    public static final Caller OWNER = new Caller(true, "", "");

    boolean mayManage(ScheduledJob job) {
        return owner || job.owner().channel().equals(channel) && job.owner().senderId().equals(senderId);
    }
}
