package gomikrobot.config;

import java.util.List;

/**
 * The two HTTP servers: API on {@code port} (18790), dashboard on {@code dashboardPort} (18791), both on
 * {@code host} (127.0.0.1). {@code authToken} is a secret; {@code corsOrigins} names the only foreign origins
 * allowed to call the dashboard API (none by default).
 */
public record GatewayConfig(String host, int port, int dashboardPort, String authToken, List<String> corsOrigins) {

    public boolean hasAuthToken() {
        return authToken != null && !authToken.isBlank();
    }

    @Override
    public String toString() {
        return "GatewayConfig[host=" + host + ", port=" + port + ", dashboardPort=" + dashboardPort
                + ", authToken=" + (hasAuthToken() ? "(set)" : "(none)") + ", corsOrigins=" + corsOrigins + "]";
    }
}
