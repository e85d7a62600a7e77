package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.json.Json;
import gomikrobot.process.Sandbox;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/status} (contract §3.1, plus the {@link LiveSections}) and {@code GET /api/v1/auth/verify}
 * (§6, decision 12). Both
 * must answer without a token — the dashboard asks them before it has one — so the {@link RequestGuard}'s
 * public-path predicate includes {@link #isPublicPath}. Verify answers truthfully: with a token configured,
 * {@code valid} says whether the request's bearer token is the right one. Status adds to the original's fields
 * whether {@code exec} runs in a sandbox ({@code exec_sandboxed}) and the sentence that says so
 * ({@code exec_sandbox}), which the dashboard's header shows when it is not.
 */
final class StatusApi {
    static final String STATUS_PATH = "/api/v1/status";
    static final String VERIFY_PATH = "/api/v1/auth/verify";
    private static final Set<String> PUBLIC = Set.of(STATUS_PATH, VERIFY_PATH);

    private final String agentId;
    private final boolean groupEnabled;
    private final String version;
    private final boolean headless;
    private final BearerToken token;
    private final Sandbox execSandbox;
    private final Instant startedAt;
    private final Clock clock;
    private final LiveSections sections;

    /**
     * @param groupEnabled {@code group.enabled}: mode {@code group} instead of {@code standalone}
     * @param host      the bound host; {@code 0.0.0.0} reports mode {@code headless}, anything else {@code standalone}
     * @param authToken {@code gateway.authToken}, null or blank when none
     */
    StatusApi(String agentId, boolean groupEnabled, String version, String host, String authToken, Sandbox execSandbox,
              Instant startedAt, Clock clock, LiveSections sections) {
        this.agentId = agentId;
        this.groupEnabled = groupEnabled;
        this.version = version;
        this.headless = "0.0.0.0".equals(host == null ? "" : host.strip());
        this.token = new BearerToken(authToken);
        this.execSandbox = execSandbox;
        this.startedAt = startedAt;
        this.clock = clock;
        this.sections = sections;
    }

    void mount(Router router) {
        router.exact(STATUS_PATH, this::status, "GET");
        router.exact(VERIFY_PATH, this::verify, "GET");
    }

    /** The paths that must stay reachable without a token (GET/HEAD only, as the guard applies it). */
    static boolean isPublicPath(String path) {
        return PUBLIC.contains(path);
    }

    private void status(HttpExchange exchange) throws IOException {
        long uptime = Math.max(Duration.between(startedAt, clock.instant()).toSeconds(), 0);
        Map<String, Object> body = Json.object("agent_id", agentId, "exec_sandbox", execSandbox.summary(),
                "exec_sandboxed", execSandbox.confines(), "group_enabled", groupEnabled,
                "mode", headless ? "headless" : groupEnabled ? "group" : "standalone", "orchestrator_enabled", false,
                "uptime_seconds", uptime, "version", version);
        sections.addTo(body);
        Responses.json(exchange, 200, body);
    }

    private void verify(HttpExchange exchange) throws IOException {
        boolean required = token.configured();
        boolean valid = !required || token.matches(exchange.getRequestHeaders().getFirst("Authorization"));
        Responses.json(exchange, 200, Json.object("auth_required", required, "valid", valid));
    }
}
