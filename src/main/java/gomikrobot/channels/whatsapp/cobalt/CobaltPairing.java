package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.SessionLock;
import gomikrobot.channels.whatsapp.WhatsAppPairing;
import gomikrobot.config.ConfigFile;
import gomikrobot.observe.Log;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.api.QrHandler;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.model.jid.Jid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Pairing over cobalt 0.0.10. Both methods start a client in QR mode: by QR, every code the server offers is
 * shown in turn and new ones are fetched by reconnecting ({@link PairingAttempt}); by phone number, our own
 * 8-character code flow replaces cobalt's broken one ({@link LinkCodePairing}). A new connection writes its
 * session at once, so an attempt that does not end in a link deletes it again; a linked one is pinned as the
 * session every later start uses, and older ones are deleted. The session folder is private (0700) and locked
 * while pairing, so a running gateway's session is never paired over.
 */
final class CobaltPairing implements WhatsAppPairing {
    /** How long WhatsApp's pairing refs stay valid: the first 60 s, each further one 20 s (whatsmeow shows them so). */
    record Timing(Duration first, Duration next) {
        static final Timing WHATSAPP = new Timing(Duration.ofSeconds(60), Duration.ofSeconds(20));
    }

    private final Path sessionDir;
    private final CobaltSessions sessions;
    private final CobaltConnection.Connector connector;
    private final Timing timing;
    private final Log log;

    CobaltPairing(Path sessionDir, Log log) {
        this(sessionDir, log, Whatsapp::connect, Timing.WHATSAPP);
    }

    CobaltPairing(Path sessionDir, Log log, CobaltConnection.Connector connector, Timing timing) {
        this.sessionDir = sessionDir.toAbsolutePath();
        this.sessions = new CobaltSessions(this.sessionDir, log);
        this.connector = connector;
        this.timing = timing;
        this.log = log;
    }

    @Override
    public Optional<String> pairedAccount() {
        return sessions.pairedSession()
                .flatMap(id -> sessions.serializer().deserializeStore(ClientType.WEB, id))
                .flatMap(Store::jid)
                .map(CobaltPairing::account);
    }

    @Override
    public Attempt begin(Method method, Consumer<String> onCode) {
        SessionLock lock;
        try {
            ConfigFile.ensurePrivateDirectory(sessionDir);
            lock = switch (SessionLock.tryAcquire(sessionDir, "pairing")) {
                case SessionLock.Outcome.Acquired acquired -> acquired.lock();
                case SessionLock.Outcome.Held held -> throw new IllegalStateException("the WhatsApp session is in use by "
                        + held.holder() + "; stop it before pairing again");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + sessionDir + ": " + e.getMessage(), e);
        }
        UUID id = UUID.randomUUID();
        PairingAttempt attempt = new PairingAttempt(method, onCode, connector, timing, log);
        try {
            Whatsapp client = sessions.newSession(id, (who, location, error) -> sessions.onError(location, error))
                    .unregistered((QrHandler) attempt::onQr);
            attempt.start(client, () -> finish(client, id, lock, true), () -> finish(client, id, lock, false));
            return attempt;
        } catch (RuntimeException e) {
            sessions.serializer().discard(id);
            release(lock);
            throw e;
        }
    }

    /** After the attempt: keep (pin it, drop the others) or delete the new session; then let go of the folder. */
    private void finish(Whatsapp client, UUID id, SessionLock lock, boolean keep) {
        try {
            if (keep) {
                client.keys().serialize(false);
                client.store().serialize(false);
                sessions.serializer().pin(id);
                sessions.serializer().listIds(ClientType.WEB).stream().filter(other -> !other.equals(id))
                        .forEach(sessions.serializer()::discard);
            } else {
                sessions.serializer().discard(id);
            }
        } finally {
            release(lock);
        }
    }

    private void release(SessionLock lock) {
        try {
            lock.close();
        } catch (IOException e) {
            log.debug("WhatsApp pairing lock release failed", "error", e);
        }
    }

    /** The account without the device suffix: {@code 4915112345678@s.whatsapp.net}. */
    static String account(Jid jid) {
        return jid.toSimpleJid().toString();
    }

    /** Completes {@code future} exceptionally with the cause, not cobalt's wrapper. */
    static void fail(CompletableFuture<?> future, Throwable error) {
        future.completeExceptionally(error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error);
    }
}
