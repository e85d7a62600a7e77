package gomikrobot.channels.whatsapp.cobalt;

import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.io.BinaryEncoder;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.socket.SocketHandler;
import it.auties.whatsapp.socket.SocketState;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WhatsApp's side of one cobalt client's socket, offline: what the server sends arrives exactly as a Noise frame
 * would ({@link SocketHandler#onMessage}), and what cobalt writes can be recorded through its public node-sent
 * listener. Reflection stands in for the network only, as the cobalt 0.0.10 probes show is the one way: it sets
 * the socket state, an I/O-less WebSocket session, and fires the login cobalt would fire after the server's
 * answers. Everything under test goes through cobalt's public API.
 */
final class FakeSocket {
    final SocketHandler handler;
    final List<Node> sent = new CopyOnWriteArrayList<>();
    private final Whatsapp client;
    private final AtomicReference<SocketState> state;
    private final byte[] readKey = new byte[32];
    private long readCounter;

    private FakeSocket(Whatsapp client) throws ReflectiveOperationException {
        handler = (SocketHandler) field(Whatsapp.class, "socketHandler").get(client);
        @SuppressWarnings("unchecked")
        AtomicReference<SocketState> socketState = (AtomicReference<SocketState>) field(SocketHandler.class, "state").get(handler);
        state = socketState;
        Constructor<?> session = Class.forName("it.auties.whatsapp.socket.SocketSession$WebSocketSession")
                .getDeclaredConstructor(URI.class);
        session.setAccessible(true);
        field(SocketHandler.class, "session").set(handler, session.newInstance((URI) null));
        new SecureRandom().nextBytes(readKey);
        client.keys().setReadKey(readKey);
        this.client = client;
    }

    /** The socket opened and the Noise handshake finished: cobalt is CONNECTED (and not yet logged in). */
    static FakeSocket open(Whatsapp client) {
        try {
            FakeSocket socket = new FakeSocket(client);
            socket.state.set(SocketState.CONNECTED);
            return socket;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cobalt's internals changed: " + e, e);
        }
    }

    /** The state of {@code client}'s socket, whether or not a fake one was ever attached. */
    static SocketState stateOf(Whatsapp client) {
        try {
            SocketHandler handler = (SocketHandler) field(Whatsapp.class, "socketHandler").get(client);
            return ((AtomicReference<?>) field(SocketHandler.class, "state").get(handler)).get() instanceof SocketState s
                    ? s : SocketState.DISCONNECTED;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cobalt's internals changed: " + e, e);
        }
    }

    Whatsapp client() {
        return client;
    }

    /**
     * Records what cobalt writes from now on, through a listener in the session's store. Call it outside the
     * transport's connect: that removes every listener added during the call (cobalt leaks one per connect).
     */
    FakeSocket recordSent() {
        client.addNodeSentListener((Node node) -> sent.add(node));
        return this;
    }

    /** The login finished: cobalt tells its listeners, as after the server's {@code success} and the queries that follow. */
    void login() {
        try {
            Method loggedIn = SocketHandler.class.getDeclaredMethod("onLoggedIn");
            loggedIn.setAccessible(true);
            loggedIn.invoke(handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cobalt's internals changed: " + e, e);
        }
    }

    void state(SocketState value) {
        state.set(value);
    }

    SocketState state() {
        return state.get();
    }

    /** Delivers a node from the server. */
    void deliver(Node node) {
        try {
            byte[] iv = new byte[12];
            long counter = readCounter++;
            for (int i = 0; i < 8; i++) {
                iv[4 + i] = (byte) (counter >> (56 - 8 * i));
            }
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(readKey, "AES"), new GCMParameterSpec(128, iv));
            handler.onMessage(ByteBuffer.wrap(gcm.doFinal(BinaryEncoder.encode(node))), true);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first node cobalt wrote that matches, waiting up to {@code timeout}; null if none. */
    Node awaitSent(Predicate<Node> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (Node node : sent) {
                if (wanted.test(node)) {
                    return node;
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return null;
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
