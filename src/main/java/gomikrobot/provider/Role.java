package gomikrobot.provider;

import java.util.Locale;

/** Who wrote a chat message; {@link #wireName()} is the OpenAI {@code role} value. */
public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
