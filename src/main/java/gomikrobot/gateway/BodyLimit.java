package gomikrobot.gateway;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Reads the whole request body (at most {@link Requests#MAX_BODY_BYTES}, 413 past it) before the handler runs,
 * and hands the handler an in-memory copy. Reading it up front does two jobs: the cap holds for every route,
 * including those that ignore their body, and the JDK server sees the request as complete, so its request
 * timer ({@code sun.net.httpserver.maxReqTime}) bounds only the client's upload, never the handler's work.
 */
final class BodyLimit extends Filter {

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && parseLength(declared) > Requests.MAX_BODY_BYTES) {
            exchange.getResponseHeaders().set("Connection", "close");
            throw Requests.tooLarge();
        }
        byte[] body = Requests.readBody(exchange.getRequestBody());
        exchange.setStreams(new ByteArrayInputStream(body), null);
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "caps and buffers request bodies";
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("invalid Content-Length");
        }
    }
}
