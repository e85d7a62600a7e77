package gomikrobot.gateway;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Refuses a request whose header fields add up to more than {@value #MAX_BYTES} bytes with 431 and closes the
 * connection. The JDK server reads headers up to its own limits ({@link #READ_BYTES}, {@link #READ_FIELDS},
 * set by {@link WebServer}) and resets the connection past them without a word; reading well beyond what we
 * accept is what lets a client over our limit (a 1 MiB cookie) read a 431 that says why, instead of a reset.
 */
final class HeaderLimit extends Filter {
    static final int MAX_BYTES = 64 * 1024;
    static final int READ_BYTES = 2 * 1024 * 1024;
    static final int READ_FIELDS = 20_000;

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        long size = 0;
        for (Map.Entry<String, List<String>> field : exchange.getRequestHeaders().entrySet()) {
            for (String value : field.getValue()) {
                size += field.getKey().length() + value.length() + 4; // "name: value\r\n"
            }
        }
        if (size > MAX_BYTES) {
            exchange.getResponseHeaders().set("Connection", "close");
            throw new HttpError(431, "request headers are " + size + " bytes; the limit is " + MAX_BYTES
                    + " (send large data in the body)");
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "caps request headers";
    }
}
