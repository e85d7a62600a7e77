package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.WhatsAppPairing;
import gomikrobot.config.ConfigFile;
import gomikrobot.observe.Log;
import it.auties.whatsapp.api.PairingCodeHandler;
import it.auties.whatsapp.api.QrHandler;
import it.auties.whatsapp.api.WebOptionsBuilder;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.jid.Jid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Pairing over cobalt 0.0.10. A new connection writes its session at once, so an attempt that does not end
 * in a link deletes it again; the session directory is created private (0700) because it holds the device's
 * keys. The link is recognised by the logged-in event; a failed connect future (no network, DNS, refused)
 * fails the attempt.
 */
final class CobaltPairing implements WhatsAppPairing {
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final Path sessionDir;
    private final CobaltSessions sessions;
    private final Log log;

    CobaltPairing(Path sessionDir, Log log) {
        this.sessionDir = sessionDir.toAbsolutePath();
        this.sessions = new CobaltSessions(this.sessionDir, log);
        this.log = log;
    }

    @Override
    public Optional<String> pairedAccount() {
        return sessions.registered().flatMap(client -> client.store().jid()).map(CobaltPairing::account);
    }

    @Override
    public Attempt begin(Method method, Consumer<String> onCode) {
        try {
            ConfigFile.ensurePrivateDirectory(sessionDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + sessionDir + ": " + e.getMessage(), e);
        }
        UUID id = UUID.randomUUID();
        WebOptionsBuilder options = Whatsapp.webBuilder().serializer(sessions.serializer()).newConnection(id)
                .errorHandler(sessions::onError);
        Whatsapp client = switch (method) {
            case Method.Qr qr -> options.unregistered(QrHandler.toPlainString(onCode));
            case Method.PhoneCode code -> options.unregistered(code.phoneNumber(), (PairingCodeHandler) onCode::accept);
        };
        CompletableFuture<String> linked = new CompletableFuture<>();
        client.addLoggedInListener(() -> linked.complete(
                client.store().jid().map(CobaltPairing::account).orElse("an account WhatsApp did not name")));
        client.connect().whenComplete((connected, error) -> {
            if (error != null) {
                linked.completeExceptionally(error instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : error);
            }
        });
        return new CobaltAttempt(client, id, linked);
    }

    /** The account without the device suffix: {@code 4915112345678@s.whatsapp.net}. */
    private static String account(Jid jid) {
        return jid.toSimpleJid().toString();
    }

    private final class CobaltAttempt implements Attempt {
        private final Whatsapp client;
        private final UUID id;
        private final CompletableFuture<String> linked;

        CobaltAttempt(Whatsapp client, UUID id, CompletableFuture<String> linked) {
            this.client = client;
            this.id = id;
            this.linked = linked;
        }

        @Override
        public CompletableFuture<String> linked() {
            return linked;
        }

        @Override
        public void keep() {
            close();
            sessions.deleteAllExcept(id);
        }

        @Override
        public void abandon() {
            linked.cancel(false);
            close();
            sessions.delete(client);
        }

        private void close() {
            try {
                client.disconnect().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // closing is best effort: the session is saved (or deleted) either way, and the process ends next
                log.debug("WhatsApp pairing connection did not close cleanly", "error", String.valueOf(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
