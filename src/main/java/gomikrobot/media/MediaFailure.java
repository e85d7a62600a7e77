package gomikrobot.media;

/**
 * Why one attachment could not be downloaded, in words for the agent and the timeline ("the MAC does not match").
 * An expected outcome, so it carries no stack trace.
 */
public final class MediaFailure extends Exception {
    public MediaFailure(String reason) {
        super(reason, null, false, false);
    }
}
