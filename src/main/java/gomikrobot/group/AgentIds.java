package gomikrobot.group;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The original's default agent id, {@code gomikrobot-<hostname>}. */
public final class AgentIds {
    private AgentIds() {
    }

    public static String hostDefault() {
        try {
            return "gomikrobot-" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "gomikrobot-localhost";
        }
    }
}
