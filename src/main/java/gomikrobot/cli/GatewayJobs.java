package gomikrobot.cli;

import gomikrobot.config.GatewayConfig;
import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs through a running gateway's {@code /api/v1/jobs} on its dashboard port, with the configured bearer token:
 * the gateway's scheduler sees every change at once, and only it can run a job now.
 */
final class GatewayJobs implements JobsAccess {
    private static final Duration CONNECT = Duration.ofSeconds(2);
    private static final Duration ANSWER = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String base;
    private final String token;

    private GatewayJobs(HttpClient http, String base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** The gateway of {@code config}, when one answers there; empty when nothing listens. */
    static Optional<GatewayJobs> find(GatewayConfig config) throws InterruptedException {
        GatewayJobs gateway = new GatewayJobs(HttpClient.newBuilder().connectTimeout(CONNECT).build(),
                "http://" + address(config), config.authToken());
        try {
            gateway.send("GET", "", null);
            return Optional.of(gateway);
        } catch (ConnectException e) {
            gateway.close();
            return Optional.empty();
        } catch (IOException e) {
            gateway.close();
            throw new IllegalStateException("the gateway at " + gateway.base + " did not answer: " + e.getMessage(), e);
        }
    }

    /** The dashboard's host and port; a gateway listening on every address is reached over loopback. */
    static String address(GatewayConfig config) {
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + config.dashboardPort();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list() throws IOException, InterruptedException {
        return (List<Map<String, Object>>) send("GET", "", null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> add(Map<String, String> fields) throws IOException, InterruptedException {
        return (Map<String, Object>) send("POST", "", Json.write(fields));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> act(String action, long id) throws IOException, InterruptedException {
        return (Map<String, Object>) (action.equals("remove") ? send("DELETE", "/" + id, null)
                : send("POST", "/" + id + "/" + action, ""));
    }

    @Override
    public String note() {
        return "";
    }

    @Override
    public void close() {
        http.close();
    }

    private Object send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs" + path)).timeout(ANSWER)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (!token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Object json;
        try {
            json = Json.parse(response.body());
        } catch (JsonException e) {
            throw new IllegalStateException("something at " + base + " answered that is not a gomikrobot gateway"
                    + " (HTTP " + response.statusCode() + ")");
        }
        if (response.statusCode() / 100 == 2) {
            return json;
        }
        String error = json instanceof Map<?, ?> m && m.get("error") instanceof String s ? s
                : "HTTP " + response.statusCode();
        throw switch (response.statusCode()) {
            case 400 -> new UsageException(error);
            case 401 -> new IllegalStateException("the gateway at " + base + " refused the token: " + error
                    + " (check gateway.authToken)");
            default -> new IllegalStateException(error);
        };
    }
}
