package gomikrobot.gateway;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the whole request body (at most {@link Requests#MAX_BODY_BYTES}, 413 past it) before the handler runs,
 * and hands the handler an in-memory copy. Reading it up front does two jobs: the cap holds for every route,
 * including those that ignore their body, and the JDK server sees the request as complete, so its request
 * timer ({@code sun.net.httpserver.maxReqTime}) bounds only the client's upload, never the handler's work.
 *
 * <p>A body that cannot be read whole — malformed chunked encoding, or fewer bytes than its Content-Length
 * before the client closed its side — is 400 before any handler runs, and the connection is closed, since
 * where the next request would start is unknown.
 *
 * <p>A body over the cap is answered 413 at once, and then the rest of it is still read, up to
 * {@value #DISCARD_LIMIT} bytes, and thrown away before the connection closes. Closing a socket with unread
 * bytes in its receive buffer makes the kernel reset the connection, and a client still busy uploading would
 * lose the 413 it was sent and see only "connection reset".
 */
final class BodyLimit extends Filter {
    static final long DISCARD_LIMIT = 16L << 20;

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        InputStream in = exchange.getRequestBody();
        if (declared != null && parseLength(declared) > Requests.MAX_BODY_BYTES) {
            refuse(exchange, in);
            return;
        }
        byte[] body;
        try {
            body = Requests.readBody(in);
        } catch (HttpError tooLarge) { // a chunked body over the cap: its length was not declared
            refuse(exchange, in);
            return;
        } catch (IOException broken) { // the JDK's message: "invalid chunk header", "connection closed before..."
            exchange.getResponseHeaders().set("Connection", "close");
            throw HttpError.badRequest("malformed or incomplete request body (" + broken.getMessage() + "); send "
                    + "exactly Content-Length bytes, or valid chunked encoding ending in a 0-length chunk");
        }
        exchange.setStreams(new ByteArrayInputStream(body), null);
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "caps and buffers request bodies";
    }

    private static void refuse(HttpExchange exchange, InputStream in) throws IOException {
        exchange.getResponseHeaders().set("Connection", "close");
        HttpError tooLarge = Requests.tooLarge();
        Responses.errorBeforeBody(exchange, tooLarge.status(), tooLarge.getMessage());
        discard(in);
    }

    /** Reads and drops up to {@link #DISCARD_LIMIT} bytes; the server's request timer bounds how long. */
    private static void discard(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        long left = DISCARD_LIMIT;
        try {
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= read;
            }
        } catch (IOException e) {
            // the client hung up or the request timer closed the connection: nothing left to protect
        }
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("invalid Content-Length");
        }
    }
}
