package gomikrobot.gateway;

import java.io.IOException;

/** The port a server should listen on is taken; the message tells the user what to do about it. */
public final class PortInUseException extends IOException {
    private final int port;

    PortInUseException(int port, Throwable cause) {
        super("port " + port + " is already in use (another gomikrobot? try `make rerun`)", cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
