package gomikrobot.channels.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * A Telegram user (a Bot API {@code User}): the bot itself ({@code getMe}) or a message's sender. {@code username}
 * is "" when the user has none.
 */
record BotUser(long id, boolean bot, String username, String firstName, String lastName) {

    BotUser {
        username = username == null ? "" : username;
        firstName = firstName == null ? "" : firstName;
        lastName = lastName == null ? "" : lastName;
    }

    /** {@code @username} when there is one, else the name the user gave, else the id. */
    String displayName() {
        if (!username.isEmpty()) {
            return "@" + username;
        }
        String name = (firstName + " " + lastName).strip();
        return name.isEmpty() ? Long.toString(id) : name;
    }

    /** The names the access lists may know this user by: the id first (the one put on the pending list). */
    List<String> accessNames() {
        List<String> names = new ArrayList<>(List.of(Long.toString(id)));
        if (!username.isEmpty()) {
            names.add("@" + username);
        }
        return names;
    }
}
