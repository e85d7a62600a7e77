package gomikrobot.tools.web;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 GET, sent over a socket to an address the {@link AddressGuard} already checked: the JDK's
 * clients resolve the name again themselves, which would let a DNS answer change between check and connect.
 * For https the TLS handshake still names the host (SNI) and the certificate must match it. Every read
 * honours the call's deadline; the response head is capped at {@value #HEAD_CAP} bytes; the body is framed
 * (length, chunked or until close) and decoded (gzip, deflate) as it is read. Stateless; safe to share.
 */
final class PinnedHttp {
    static final int HEAD_CAP = 64 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<SSLSocketFactory> tls;
    private final String userAgent;

    /** {@code tls} is asked for on the first https request only: setting TLS up costs a one-shot run 0.1-0.2 s. */
    PinnedHttp(Supplier<SSLSocketFactory> tls, String userAgent) {
        this.tls = tls;
        this.userAgent = userAgent;
    }

    /** A response whose body is still to be read; closing it closes the connection. */
    record Response(int status, Map<String, String> headers, InputStream body, Socket socket) implements Closeable {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Tries the addresses in order until one accepts the connection, then sends the request. */
    Response get(URI uri, List<InetAddress> addresses, long deadlineNanos) throws IOException {
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        Socket socket = connect(addresses, port, deadlineNanos);
        try {
            if (https) {
                socket = secure(socket, AddressGuard.normalHost(uri.getHost()), port);
            }
            OutputStream out = socket.getOutputStream();
            out.write(request(uri, port, https).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(new DeadlineInput(socket, deadlineNanos));
            int status;
            Map<String, String> headers;
            do {
                String head = head(in);
                status = status(head);
                headers = headers(head);
            } while (status >= 100 && status < 200); // interim answers: the real one follows
            return new Response(status, headers, decoded(framed(in, status, headers), headers), socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static Socket connect(List<InetAddress> addresses, int port, long deadlineNanos) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                long left = Math.min(CONNECT_TIMEOUT.toMillis(), millisLeft(deadlineNanos));
                socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, left));
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address to connect to");
    }

    private Socket secure(Socket plain, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) tls.get().createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must be the host's
        if (!Cidr.isLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private String request(URI uri, int port, boolean https) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String host = uri.getHost() + (port == (https ? 443 : 80) ? "" : ":" + port);
        return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + userAgent
                + "\r\nAccept: text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.9,*/*;q=0.5"
                + "\r\nAccept-Encoding: gzip, deflate\r\nAccept-Language: en;q=1.0, *;q=0.5\r\nConnection: close\r\n\r\n";
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        int newlines = 0;
        while (newlines < 2 && (c = in.read()) >= 0) {
            if (head.size() >= HEAD_CAP) {
                throw new IOException("the response headers are longer than " + HEAD_CAP / 1024 + " KiB");
            }
            head.write(c);
            newlines = c == '\n' ? newlines + 1 : c == '\r' ? newlines : 0;
        }
        if (newlines < 2) {
            throw new IOException("the server closed the connection before a complete answer");
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int status(String head) throws IOException {
        String[] first = head.lines().findFirst().orElse("").split(" ", 3);
        if (first.length < 2 || !first[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + head.lines().findFirst().orElse("").strip());
        }
        try {
            return Integer.parseInt(first[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + first[1]);
        }
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        head.lines().skip(1).forEach(line -> {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
            }
        });
        return headers;
    }

    private static InputStream framed(InputStream in, int status, Map<String, String> headers) throws IOException {
        if (status == 204 || status == 304) {
            return InputStream.nullInputStream();
        }
        if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            return new ChunkedInput(in);
        }
        String length = headers.get("content-length");
        if (length != null) {
            try {
                return new LimitedInput(in, Long.parseLong(length.split(",")[0].strip()));
            } catch (NumberFormatException e) {
                throw new IOException("the Content-Length is not a number: " + length);
            }
        }
        return in;
    }

    private static InputStream decoded(InputStream body, Map<String, String> headers) throws IOException {
        return switch (headers.getOrDefault("content-encoding", "identity").strip().toLowerCase(Locale.ROOT)) {
            case "gzip", "x-gzip" -> new GZIPInputStream(body);
            case "deflate" -> new InflaterInputStream(body);
            case "identity", "" -> body;
            default -> throw new IOException("the body is compressed as \""
                    + headers.get("content-encoding") + "\", which cannot be read");
        };
    }

    static long millisLeft(long deadlineNanos) {
        return (deadlineNanos - System.nanoTime()) / 1_000_000;
    }

    /** At most {@code left} bytes of the stream. */
    private static final class LimitedInput extends BlockInput {
        private final InputStream in;
        private long left;

        LimitedInput(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }
    }

    /** The socket's stream, each read bounded by what is left of the call's time. */
    private static final class DeadlineInput extends BlockInput {
        private final Socket socket;
        private final InputStream in;
        private final long deadlineNanos;

        DeadlineInput(Socket socket, long deadlineNanos) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            long left = millisLeft(deadlineNanos);
            if (left <= 0) {
                throw new SocketTimeoutException("the time for this fetch ran out");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            return in.read(buffer, offset, length);
        }
    }
}
