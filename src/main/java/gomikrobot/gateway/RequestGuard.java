package gomikrobot.gateway;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import gomikrobot.config.GatewayConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The gateway's front door, run before routing on every request, in this order:
 * <ol>
 * <li>Host: exactly a host and an optional numeric port ({@code name}, {@code name:port}, {@code [v6]},
 * {@code [v6]:port}), the host being the bound host, {@code localhost} or a loopback literal, else 403
 * {@code host not allowed}; this defeats DNS rebinding, where a foreign page reaches us under its own name. A
 * value with {@code @}, a path, or a name that only starts like a loopback address
 * ({@code 127.0.0.1:80.evil.example}) is not a host and is refused. Bound to a wildcard address (0.0.0.0, ::)
 * with a token, any well-formed Host is accepted: the token is the defence there. A request without Host
 * (HTTP/1.0 tools) is allowed; browsers always send one.</li>
 * <li>Origin: a listed {@code gateway.corsOrigins} origin gets CORS headers (never {@code *}); a POST, PUT,
 * PATCH or DELETE whose Origin is neither listed nor our own is 403 {@code cross-origin request refused}.
 * No Origin (curl, scripts) is allowed.</li>
 * <li>Bearer token, when {@code gateway.authToken} is set: {@code Authorization: Bearer <token>} compared in
 * constant time, else 401 {@code unauthorized}. Exempt: {@code /healthz}, {@code /readyz}, OPTIONS (the router
 * answers it with the allowed methods alone, running no handler), and GET/HEAD of the paths {@code publicPaths} accepts — the dashboard's HTML, scripts
 * and styles, which hold no data: the page itself asks for the token and keeps it in sessionStorage.</li>
 * </ol>
 */
final class RequestGuard extends Filter {
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> ALWAYS_PUBLIC = Set.of("/healthz", "/readyz");
    /** A Host value: a name (letters, digits, dots, hyphens) or a bracketed IPv6 literal, then an optional port. */
    private static final Pattern HOST = Pattern.compile("(?:([A-Za-z0-9._-]+)|\\[([0-9A-Fa-f:.]+)])(?::[0-9]{1,5})?");

    private final String boundHost;
    private final boolean wildcardBound;
    private final BearerToken token;
    private final Set<String> corsOrigins;
    private final Predicate<String> publicPaths;

    RequestGuard(GatewayConfig config, Predicate<String> publicPaths) {
        this.boundHost = bareHost(config.host() == null ? "" : config.host());
        this.wildcardBound = boundHost.isEmpty() || boundHost.equals("0.0.0.0") || boundHost.equals("::");
        this.token = new BearerToken(config.authToken());
        List<String> origins = config.corsOrigins() == null ? List.of() : config.corsOrigins();
        this.corsOrigins = origins.stream().map(RequestGuard::normalizeOrigin).collect(Collectors.toUnmodifiableSet());
        this.publicPaths = publicPaths;
    }

    /**
     * Refuses a configuration that would expose the gateway without a token: a host other than
     * {@code localhost} or a loopback address needs {@code gateway.authToken}.
     */
    static void requireSafeBinding(GatewayConfig config) {
        String host = config.host() == null ? "" : config.host().strip();
        if (!isLoopbackName(bareHost(host)) && !config.hasAuthToken()) {
            throw new IllegalArgumentException("gateway.host \"" + host + "\" is reachable from other machines, "
                    + "but gateway.authToken is not set; set a token (MIKROBOT_GATEWAY_AUTH_TOKEN) or bind 127.0.0.1");
        }
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Headers request = exchange.getRequestHeaders();
        String method = exchange.getRequestMethod();
        List<String> hosts = request.getOrDefault("Host", List.of());
        String host = hosts.isEmpty() ? null : hosts.getFirst();
        if (hosts.size() > 1 || host != null && !hostAllowed(host)) {
            throw new HttpError(403, "host not allowed");
        }
        String origin = request.getFirst("Origin");
        boolean listed = origin != null && corsOrigins.contains(normalizeOrigin(origin));
        if (listed) {
            addCorsHeaders(exchange.getResponseHeaders(), origin);
        } else if (origin != null && STATE_CHANGING.contains(method) && !sameOrigin(origin, host)) {
            throw new HttpError(403, "cross-origin request refused");
        }
        if (token.configured() && !method.equals("OPTIONS") && !isPublic(exchange.getRequestURI().getPath(), method)
                && !token.matches(request.getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new HttpError(401, "unauthorized");
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "host, origin and bearer token checks";
    }

    boolean hostAllowed(String hostHeader) {
        Matcher host = HOST.matcher(hostHeader.strip());
        if (!host.matches()) {
            return false;
        }
        String name = bareHost(host.group(1) != null ? host.group(1) : host.group(2));
        if (isLoopbackName(name) || name.equals(boundHost)) {
            return true;
        }
        return wildcardBound && token.configured();
    }

    private boolean isPublic(String path, String method) {
        if (ALWAYS_PUBLIC.contains(path)) {
            return true;
        }
        return (method.equals("GET") || method.equals("HEAD")) && publicPaths.test(path);
    }

    private static void addCorsHeaders(Headers response, String origin) {
        response.set("Access-Control-Allow-Origin", origin);
        response.add("Vary", "Origin");
        response.set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
        response.set("Access-Control-Allow-Headers", "Content-Type, Authorization");
        response.set("Access-Control-Max-Age", "600");
    }

    /** Same origin when the Origin's host[:port] is exactly the Host the request was sent to. */
    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            String authority = new URI(origin.strip()).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host.strip());
        } catch (URISyntaxException e) {
            return false; // "null" or garbage is never our own origin
        }
    }

    private static String normalizeOrigin(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    /** Lower case, without IPv6 brackets or a trailing dot. */
    private static String bareHost(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** localhost or a loopback literal (127.0.0.0/8, ::1); never resolves a name through DNS. */
    static boolean isLoopbackName(String bareHost) {
        if (bareHost.equals("localhost")) {
            return true;
        }
        if (!bareHost.matches("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*")) {
            return false;
        }
        try {
            return InetAddress.ofLiteral(bareHost).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
