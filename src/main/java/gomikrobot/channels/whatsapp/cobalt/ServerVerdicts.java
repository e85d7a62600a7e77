package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.WaTransport.Ending;
import it.auties.whatsapp.model.node.Node;
import java.util.Optional;

/**
 * What a server node says about the connection's future, read the way whatsmeow reads it rather than the way
 * cobalt 0.0.10 does (which deletes the session on 403/405/503 and reconnects at once on anything else). Only
 * {@code failure} 401, 403 and 406 and a removed device are logouts; 405 means this client is too old; a
 * {@code replaced} conflict means another connection took the device over; the rest is temporary.
 */
final class ServerVerdicts {
    private ServerVerdicts() {
    }

    /** The verdict of {@code node}, or empty for nodes that say nothing about the connection. */
    static Optional<Ending> of(Node node) {
        return switch (node.description()) {
            case "failure" -> Optional.of(failure(node.attributes().getInt("reason")));
            case "stream:error" -> Optional.of(streamError(node));
            case "xmlstreamend" -> Optional.of(new Ending.Dropped("the server ended the stream"));
            default -> Optional.empty();
        };
    }

    private static Ending failure(int reason) {
        return switch (reason) {
            case 401 -> new Ending.LoggedOut("logged out from the phone, failure 401");
            case 403 -> new Ending.LoggedOut("the main device is gone, failure 403");
            case 406 -> new Ending.LoggedOut("WhatsApp ended the session, failure 406");
            case 405 -> new Ending.ClientOutdated();
            default -> new Ending.Dropped("WhatsApp refused the login for now (failure " + reason + named(reason) + ")");
        };
    }

    private static Ending streamError(Node node) {
        for (Node child : node.children()) {
            String kind = child.attributes().getString("type", child.attributes().getString("reason", ""));
            if (kind.equals("device_removed")) {
                return new Ending.LoggedOut("the phone removed this device");
            }
            if (child.description().equals("conflict") && kind.equals("replaced")) {
                return new Ending.Replaced();
            }
        }
        int code = node.attributes().getInt("code");
        return new Ending.Dropped("the server closed the stream (stream error" + (code == 0 ? "" : " " + code)
                + named(code) + ")");
    }

    private static String named(int code) {
        return switch (code) {
            case 402 -> ": temporarily banned";
            case 409 -> ": bad user agent";
            case 500 -> ": internal server error";
            case 503 -> ": service unavailable";
            case 515 -> ": restart required";
            default -> "";
        };
    }
}
