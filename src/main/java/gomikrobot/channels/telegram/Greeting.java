package gomikrobot.channels.telegram;

import gomikrobot.channels.access.AccessPolicy.Verdict;

/**
 * The answer to {@code /start}: who the bot is and whether the sender may talk to the agent, and what to do if
 * not. An unknown sender learns their own user id (what the owner needs to approve them), never who else is
 * listed or that they are denied rather than unknown.
 */
final class Greeting {
    private Greeting() {
    }

    static String of(BotUser me, BotUser sender, boolean owner, Verdict verdict, boolean silent) {
        String hello = "Hello! I am " + me.displayName() + ", a personal GoMikroBot agent. ";
        String held = silent ? " Answers are held back at the moment: the owner's dashboard is set to SILENT." : "";
        if (owner) {
            return hello + "You are my owner: write to me here and I will answer."
                    + (silent ? " Answers are held back while the dashboard is SILENT; switch it to LIVE." : "");
        }
        return switch (verdict) {
            case Verdict.Admitted admitted -> hello + "You may talk to me: write and I will answer." + held;
            case Verdict.TokenSubmitted submitted -> hello + "Your request to talk to me was passed on to my owner;"
                    + " once they approve it, write again.";
            case Verdict.Refused refused -> hello + "I only answer people my owner allowed, and you are not one of"
                    + " them. Your Telegram user id is " + sender.id() + ": give it to the owner if they know you.";
        };
    }
}
