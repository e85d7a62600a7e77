package gomikrobot.channels;

import gomikrobot.bus.Reply;

/**
 * A reply as a person reads it in a chat: the answer itself, or one plain sentence saying what went wrong and
 * what to do. Every channel sends replies through this, so a user on any channel hears the same.
 */
public final class PersonText {
    /** What the user of an interrupted task is told (OPERATIONS: no message goes unanswered). */
    public static final String INTERRUPTED = "Your message was interrupted by a restart; please send it again.";

    private PersonText() {
    }

    public static String of(Reply reply) {
        return switch (reply) {
            case Reply.Answer answer -> answer.text();
            case Reply.Failure failure -> of(failure);
        };
    }

    private static String of(Reply.Failure failure) {
        String detail = failure.detail().isEmpty() ? "" : " (" + failure.detail() + ")";
        return switch (failure.reason()) {
            case MODEL_FAILED -> "Sorry, I could not reach the language model" + detail + ". Please try again later.";
            case NO_FINAL_ANSWER -> "Sorry, I could not finish this: it took more steps than I am allowed. "
                    + "Please ask again in smaller parts.";
            case QUOTA_EXCEEDED -> "Daily token quota exceeded" + detail
                    + ". Please try again tomorrow or ask an admin to increase the limit.";
            case INTERRUPTED -> INTERRUPTED;
            case ALREADY_RUNNING -> "I am already working on this message.";
            case SHUTTING_DOWN -> "I am restarting; please send your message again in a minute.";
            case TIMED_OUT -> "This is taking long; the answer will be in the dashboard when it is ready.";
            case INTERNAL -> "Sorry, something went wrong on my side" + detail + ".";
        };
    }
}
