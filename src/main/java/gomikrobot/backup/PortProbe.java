package gomikrobot.backup;

import gomikrobot.config.GatewayConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a gateway is running: something accepts connections on one of the configured ports. A wildcard bind
 * address ("0.0.0.0", "::") is probed on loopback, where such a gateway also listens.
 */
public record PortProbe(String host, List<Integer> ports, Duration timeout) {
    private static final Set<String> WILDCARDS = Set.of("", "0.0.0.0", "::", "[::]");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

    public PortProbe {
        ports = List.copyOf(ports);
    }

    /** The API and dashboard ports of the configuration. */
    public static PortProbe of(GatewayConfig gateway) {
        return new PortProbe(gateway.host(), List.of(gateway.port(), gateway.dashboardPort()), DEFAULT_TIMEOUT);
    }

    /** "host:port" of the first port that accepts a connection, or empty when none does. */
    public Optional<String> firstListening() {
        InetAddress address;
        try {
            address = WILDCARDS.contains(host.strip()) ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host.strip());
        } catch (UnknownHostException e) {
            return Optional.empty(); // nothing can listen on an address that does not resolve
        }
        for (int port : ports) {
            if (port > 0 && port <= 65535 && accepts(address, port)) {
                return Optional.of(address.getHostAddress() + ":" + port);
            }
        }
        return Optional.empty();
    }

    private boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false; // refused or timed out: nobody is serving there
        }
    }
}
