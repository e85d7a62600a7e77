package gomikrobot.cli;

import gomikrobot.config.GatewayConfig;
import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a gateway running on this machine says about itself, asked over loopback ({@code GET /api/v1/status},
 * which needs no token) with a short timeout: for commands that report on a gateway they did not start.
 */
final class RunningGateway {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private RunningGateway() {
    }

    /** The state the gateway reports for one channel; empty when no gateway answers (or not readably). */
    static Optional<JsonObject> channel(GatewayConfig gateway, String name) {
        String host = gateway.host().equals("0.0.0.0") || gateway.host().equals("::") ? "127.0.0.1" : gateway.host();
        String authority = host.contains(":") ? "[" + host + "]" : host;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://" + authority + ":"
                    + gateway.dashboardPort() + "/api/v1/status")).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 || !(Json.parse(answer.body()) instanceof Map<?, ?> status)) {
                return Optional.empty();
            }
            return Optional.of(JsonObject.of(status).object("channels").object(name));
        } catch (IOException | JsonException | IllegalArgumentException e) {
            return Optional.empty(); // nothing listens, or not a gateway: there is nothing to report
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
