package gomikrobot.config;

import java.util.List;

/**
 * The two HTTP servers: API on {@code port} (18790), dashboard on {@code dashboardPort} (18791), both on
 * {@code host} (127.0.0.1). {@code authToken} is a secret; {@code corsOrigins} names the only foreign origins
 * allowed to call the dashboard API (none by default); {@code openai} shapes the OpenAI-compatible API.
 */
public record GatewayConfig(String host, int port, int dashboardPort, String authToken, List<String> corsOrigins,
                            OpenAiApiConfig openai) {

    public GatewayConfig {
        openai = openai == null ? OpenAiApiConfig.DEFAULTS : openai;
    }

    /** The servers with the OpenAI-compatible API's defaults. */
    public GatewayConfig(String host, int port, int dashboardPort, String authToken, List<String> corsOrigins) {
        this(host, port, dashboardPort, authToken, corsOrigins, OpenAiApiConfig.DEFAULTS);
    }

    /** The same settings on other ports (a command-line override for one run). */
    public GatewayConfig withPorts(int apiPort, int dashboard) {
        return new GatewayConfig(host, apiPort, dashboard, authToken, corsOrigins, openai);
    }

    public boolean hasAuthToken() {
        return authToken != null && !authToken.isBlank();
    }

    @Override
    public String toString() {
        return "GatewayConfig[host=" + host + ", port=" + port + ", dashboardPort=" + dashboardPort
                + ", authToken=" + (hasAuthToken() ? "(set)" : "(none)") + ", corsOrigins=" + corsOrigins
                + ", openai=" + openai + "]";
    }
}
