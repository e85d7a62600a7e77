package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a decoded request path to a handler: exact routes first, then the longest matching prefix route.
 * Each route names its methods; HEAD is allowed wherever GET is, OPTIONS is answered 200 with an
 * {@code Allow} header and no body on every known path (CORS headers, if any, come from {@link RequestGuard}). Unknown
 * paths are 404 and other methods 405, both as JSON. Routes are registered before the server starts.
 */
final class Router implements HttpHandler {
    /** Route label used in metrics for paths that match no route, so label values stay bounded. */
    static final String UNMATCHED = "unmatched";

    private final Map<String, Route> exact = new LinkedHashMap<>();
    private final Map<String, Route> prefixes = new LinkedHashMap<>();

    /** Routes exactly {@code path}. */
    Router exact(String path, HttpHandler handler, String... methods) {
        add(exact, path, new Route(path, handler, methodSet(methods)));
        return this;
    }

    /** Routes every path starting with {@code prefix} (which should end in "/" unless it is a file name). */
    Router prefix(String prefix, HttpHandler handler, String... methods) {
        add(prefixes, prefix, new Route(prefix + "*", handler, methodSet(methods)));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Route route = match(exchange.getRequestURI().getPath()).orElseThrow(HttpError::notFound);
        String method = exchange.getRequestMethod();
        if (method.equals("OPTIONS")) {
            exchange.getResponseHeaders().set("Allow", route.allowHeader());
            Responses.empty(exchange, 200); // 200, not 204, as the original answers and its clients expect
            return;
        }
        if (!route.methods().contains(method)) {
            exchange.getResponseHeaders().set("Allow", route.allowHeader());
            throw new HttpError(405, "method not allowed");
        }
        route.handler().handle(exchange);
    }

    /** The route pattern serving a path (for logs and metrics), or {@link #UNMATCHED}. */
    String routeLabel(String path) {
        return match(path).map(Route::pattern).orElse(UNMATCHED);
    }

    Optional<Route> match(String path) {
        Route route = exact.get(path);
        if (route != null) {
            return Optional.of(route);
        }
        Route best = null;
        int bestLength = -1;
        for (Map.Entry<String, Route> e : prefixes.entrySet()) {
            if (path.startsWith(e.getKey()) && e.getKey().length() > bestLength) {
                best = e.getValue();
                bestLength = e.getKey().length();
            }
        }
        return Optional.ofNullable(best);
    }

    private static void add(Map<String, Route> table, String path, Route route) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route must start with /: " + path);
        }
        if (table.putIfAbsent(path, route) != null) {
            throw new IllegalArgumentException("route registered twice: " + path);
        }
    }

    private static Set<String> methodSet(String... methods) {
        if (methods.length == 0) {
            throw new IllegalArgumentException("a route needs at least one method");
        }
        Set<String> set = new LinkedHashSet<>(Arrays.asList(methods));
        if (set.contains("GET")) {
            set.add("HEAD");
        }
        return Set.copyOf(set);
    }

    record Route(String pattern, HttpHandler handler, Set<String> methods) {
        String allowHeader() {
            return String.join(", ", methods.stream().sorted().toList()) + ", OPTIONS";
        }
    }
}
