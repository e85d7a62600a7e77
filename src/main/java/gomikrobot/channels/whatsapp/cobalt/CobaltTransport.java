package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.WaTransport;
import gomikrobot.channels.whatsapp.WaTransport.Disconnect;
import gomikrobot.observe.Log;
import it.auties.whatsapp.api.DisconnectReason;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.standard.AudioMessageSimpleBuilder;
import it.auties.whatsapp.model.node.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cobalt 0.0.10 glue. The session lives in {@code sessionDir} through cobalt's protobuf serializer (its
 * default is {@code ~/.cobalt}, which we never use), and errors are logged through our {@link Log} instead of
 * cobalt's terminal printer or its {@code ~/.cobalt/errors} files. Cobalt 0.0.10 tells disconnect listeners
 * only {@code DISCONNECTED}, so logout and ban are read from the server's {@code failure} and
 * {@code stream:error} nodes before the socket closes.
 */
public final class CobaltTransport implements WaTransport {
    static final String VOICE_MIME = "audio/ogg; codecs=opus";

    private final CobaltSessions sessions;
    private final AtomicReference<Disconnect> terminal = new AtomicReference<>();
    private volatile Whatsapp whatsapp;

    CobaltTransport(Path sessionDir, Log log) {
        this.sessions = new CobaltSessions(sessionDir, log);
    }

    @Override
    public synchronized boolean paired() {
        if (whatsapp != null) {
            return true;
        }
        Optional<Whatsapp> registered = sessions.registered();
        registered.ifPresent(client -> whatsapp = client);
        return registered.isPresent();
    }

    @Override
    public void listen(Events events) {
        Whatsapp client = requireClient();
        client.addNewChatMessageListener((ChatMessageInfo info) ->
                events.onMessage(CobaltMessages.toWaMessage(info, Clock.systemUTC())));
        client.addLoggedInListener(() -> {
            terminal.set(null);
            events.onLoggedIn();
        });
        client.addNodeReceivedListener((Node node) -> terminalReason(node).ifPresent(terminal::set));
        client.addDisconnectedListener((DisconnectReason reason) -> events.onDisconnected(translate(reason)));
    }

    @Override
    public CompletableFuture<Void> connect() {
        return requireClient().connect().thenApply(ignored -> null);
    }

    @Override
    public boolean isConnected() {
        Whatsapp client = whatsapp;
        return client != null && client.isConnected();
    }

    @Override
    public void disconnect() {
        Whatsapp client = whatsapp;
        if (client != null) {
            client.disconnect();
        }
    }

    @Override
    public Set<String> selfUsers() {
        Whatsapp client = whatsapp;
        Set<String> users = new HashSet<>();
        if (client != null) {
            client.store().jid().map(Jid::user).ifPresent(users::add);
            client.store().lid().map(Jid::user).ifPresent(users::add);
        }
        return users;
    }

    @Override
    public String sendText(String chatJid, String text, Duration timeout) throws IOException, InterruptedException {
        return SentMessages.idOfSent(await(requireClient().sendChatMessage(SentMessages.recipient(chatJid), text),
                timeout, "send"), "send");
    }

    @Override
    public String sendVoice(String chatJid, byte[] opusAudio, Duration timeout) throws IOException, InterruptedException {
        var audio = new AudioMessageSimpleBuilder().media(opusAudio).mimeType(VOICE_MIME).voiceMessage(true).build();
        return SentMessages.idOfSent(await(requireClient().sendChatMessage(SentMessages.recipient(chatJid),
                MessageContainer.of(audio)), timeout, "voice send"), "voice send");
    }

    /** LOGGED_OUT or BANNED when a server node announces it (cobalt 0.0.10's StreamHandler codes). */
    public static Optional<Disconnect> terminalReason(Node node) {
        return switch (node.description()) {
            case "failure" -> switch (node.attributes().getInt("reason")) {
                case 401, 405 -> Optional.of(Disconnect.LOGGED_OUT);
                case 403, 503 -> Optional.of(Disconnect.BANNED);
                default -> Optional.empty();
            };
            case "stream:error" -> switch (node.attributes().getInt("code")) {
                case 500 -> Optional.of(Disconnect.LOGGED_OUT);
                case 401 -> node.toString().contains("device_removed") ? Optional.of(Disconnect.LOGGED_OUT) : Optional.empty();
                default -> Optional.empty();
            };
            default -> Optional.empty();
        };
    }

    private Disconnect translate(DisconnectReason reason) {
        return switch (reason) {
            case LOGGED_OUT -> Disconnect.LOGGED_OUT;
            case BANNED -> Disconnect.BANNED;
            case RECONNECTING -> Disconnect.RECONNECTING;
            case DISCONNECTED -> Optional.ofNullable(terminal.get()).orElse(Disconnect.CLOSED);
        };
    }

    private Whatsapp requireClient() {
        Whatsapp client = whatsapp;
        if (client == null) {
            throw new IllegalStateException("WhatsApp is not paired");
        }
        return client;
    }

    private static <T> T await(Future<T> future, Duration timeout, String what) throws IOException, InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException(what + " timed out after " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            throw new IOException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
