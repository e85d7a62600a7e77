package gomikrobot.channels.whatsapp.cobalt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps cobalt 0.0.10 from reconnecting by itself. cobalt reconnects at once after a network error, a ping
 * timeout, a stream error or most server failures, without backoff or limit, and its attempt can race one of
 * ours into two sockets. It reads the socket's proxy from the store at the start of every attempt, so while the
 * store names this fence (a loopback listener that closes every connection at once) each of its own attempts
 * fails within milliseconds, reported to the error handler at {@code RECONNECT}; the watchdog then reconnects
 * with backoff, lifting the fence only for the instant its own attempt starts. Media never use the proxy
 * ({@code MediaProxySetting.NONE}), so the fence touches nothing else.
 */
final class ReconnectFence implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger refused = new AtomicInteger();

    ReconnectFence() throws IOException {
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().name("whatsapp-reconnect-fence").start(this::refuseAll);
    }

    /** The proxy address cobalt's own reconnects run into. */
    URI uri() {
        return URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort());
    }

    /** How many reconnects of cobalt's own the fence stopped. */
    int refused() {
        return refused.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void refuseAll() {
        while (!server.isClosed()) {
            try (Socket ignored = server.accept()) {
                refused.incrementAndGet();
            } catch (IOException e) {
                // closed: the loop ends; a failed accept of one connection changes nothing for the next
            }
        }
    }
}
