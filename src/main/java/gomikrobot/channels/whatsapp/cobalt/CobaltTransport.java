package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.WaTransport;
import gomikrobot.observe.Log;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.standard.AudioMessageSimpleBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The cobalt 0.0.10 glue. The session lives in {@code sessionDir} through our {@link SessionSerializer} (cobalt's
 * default is {@code ~/.cobalt}, which we never use), and errors are logged through our {@link Log} instead of
 * cobalt's terminal printer or its {@code ~/.cobalt/errors} files. The connection's life is
 * {@link CobaltConnection}'s, incoming messages are {@link CobaltInbound}'s.
 */
public final class CobaltTransport implements WaTransport {
    static final String VOICE_MIME = "audio/ogg; codecs=opus";

    private final CobaltConnection connection;
    private final CobaltInbound inbound;

    CobaltTransport(Path sessionDir, Log log) {
        this(sessionDir, log, Whatsapp::connect);
    }

    CobaltTransport(Path sessionDir, Log log, CobaltConnection.Connector connector) {
        this.inbound = new CobaltInbound(info -> CobaltMessages.toWaMessage(info, Clock.systemUTC()),
                Clock.systemUTC());
        this.connection = new CobaltConnection(sessionDir, new CobaltSessions(sessionDir, log), connector,
                inbound::onMessageError, log);
    }

    @Override
    public Opening open() {
        return connection.open();
    }

    @Override
    public void listen(Events events) {
        connection.listen(events);
        inbound.listen(connection.requireClient(), events);
    }

    @Override
    public CompletableFuture<Void> connect() {
        return connection.connect();
    }

    @Override
    public boolean isConnected() {
        return connection.isConnected();
    }

    @Override
    public void rebuild() {
        connection.rebuild();
    }

    @Override
    public void disconnect() {
        connection.close();
    }

    @Override
    public Set<String> selfUsers() {
        Set<String> users = new HashSet<>();
        if (connection.isOpen()) {
            Whatsapp client = connection.requireClient();
            client.store().jid().map(Jid::user).ifPresent(users::add);
            client.store().lid().map(jid -> jid.user() + "@lid").ifPresent(users::add);
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

    CobaltConnection connection() {
        return connection;
    }

    private Whatsapp requireClient() {
        return connection.requireClient();
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
