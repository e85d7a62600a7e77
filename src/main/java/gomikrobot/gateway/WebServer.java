package gomikrobot.gateway;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One running {@link HttpServer}: bound to host:port, handlers on virtual threads, and every request passing
 * through the same chain — {@link AccessLog}, {@link JsonErrors}, {@link HeaderLimit}, {@link RequestGuard},
 * {@link BodyLimit} — before the {@link Router}.
 *
 * <p>Connection timeouts: the JDK server reads its limits once, from system properties, when its first
 * instance is created. {@link #start} therefore sets them first (unless already given on the command line):
 * a client has {@value #REQUEST_SECONDS} s to send a whole request, {@value #RESPONSE_SECONDS} s for the
 * handler to answer and the client to read it (long enough for a slow agent turn or git push), and an idle
 * keep-alive connection is closed after {@value #IDLE_SECONDS} s. A slow or silent client thus cannot hold a
 * connection or a thread forever. {@code TCP_NODELAY} is switched on too: without it, a response written in more
 * than one segment (a timeline page) waits for the client's delayed ACK, ~40 ms on every such request. The
 * header limits are raised above {@link HeaderLimit}'s, so that it, not the JDK's silent reset, answers.
 */
public final class WebServer {
    static final long REQUEST_SECONDS = 30;
    static final long RESPONSE_SECONDS = 600;
    static final long IDLE_SECONDS = 30;

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;

    private WebServer(String name, HttpServer server, ExecutorService executor) {
        this.name = name;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts a server named {@code name} (used in logs and metrics). Port 0 picks a free port.
     *
     * @throws PortInUseException when the port is taken
     */
    static WebServer start(String name, String host, int port, Router router, RequestGuard guard, Log log,
                           Metrics metrics) throws IOException {
        applyTimeoutDefaults();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (BindException e) {
            throw new PortInUseException(port, e);
        }
        HttpContext context = server.createContext("/", router);
        context.getFilters().add(new AccessLog(name, log, metrics, router::routeLabel));
        context.getFilters().add(new JsonErrors(log));
        context.getFilters().add(new HeaderLimit());
        context.getFilters().add(guard);
        context.getFilters().add(new BodyLimit());
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.start();
        log.info("http server listening", "server", name, "address", server.getAddress().getHostString()
                + ":" + server.getAddress().getPort());
        return new WebServer(name, server, executor);
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops accepting, waits up to {@code seconds} for exchanges in flight, then ends the handler threads. */
    public void stop(int seconds) {
        server.stop(seconds);
        executor.shutdownNow();
    }

    /**
     * Sets the JDK server's timeout, TCP_NODELAY and header-limit properties unless the user already set them;
     * only the first call counts.
     */
    static void applyTimeoutDefaults() {
        setIfAbsent("sun.net.httpserver.maxReqTime", Long.toString(REQUEST_SECONDS));
        setIfAbsent("sun.net.httpserver.maxRspTime", Long.toString(RESPONSE_SECONDS));
        setIfAbsent("sun.net.httpserver.idleInterval", Long.toString(IDLE_SECONDS));
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        setIfAbsent("sun.net.httpserver.maxReqHeaderSize", Integer.toString(HeaderLimit.READ_BYTES));
        setIfAbsent("sun.net.httpserver.maxReqHeaders", Integer.toString(HeaderLimit.READ_FIELDS));
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
