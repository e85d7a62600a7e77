package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.observe.Log;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.api.ErrorHandler;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.controller.ControllerSerializer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The saved cobalt sessions in one directory ({@code <home>/whatsapp}, never cobalt's {@code ~/.cobalt}), and
 * the error handler every client we build gets: library errors go to our {@link Log} instead of cobalt's
 * stack traces or its {@code ~/.cobalt/errors} files. Looking a session up never creates one.
 */
final class CobaltSessions {
    private final ControllerSerializer serializer;
    private final Log log;

    CobaltSessions(Path sessionDir, Log log) {
        this.serializer = ControllerSerializer.toProtobuf(sessionDir.toAbsolutePath());
        this.log = log;
    }

    ControllerSerializer serializer() {
        return serializer;
    }

    /** The client of the last saved session of a paired device; empty (and nothing written) when there is none. */
    Optional<Whatsapp> registered() {
        if (serializer.listIds(ClientType.WEB).isEmpty()) {
            return Optional.empty();
        }
        return Whatsapp.webBuilder()
                .serializer(serializer)
                .lastOptionalConnection()
                .flatMap(options -> options.errorHandler(this::onError).registered());
    }

    /** Deletes the session (keys and store, and the phone-number link) a client was built on. */
    void delete(Whatsapp client) {
        serializer.deleteSession(client.keys());
        serializer.deleteSession(client.store());
    }

    /** Deletes every saved session except {@code keep}: after a new pairing the old ones are stale. */
    void deleteAllExcept(UUID keep) {
        for (UUID id : serializer.listIds(ClientType.WEB)) {
            if (!id.equals(keep)) {
                serializer.deserializeKeys(ClientType.WEB, id).ifPresent(serializer::deleteSession);
                serializer.deserializeStore(ClientType.WEB, id).ifPresent(serializer::deleteSession);
            }
        }
    }

    ErrorHandler.Result onError(Whatsapp client, ErrorHandler.Location location, Throwable error) {
        log.warn("WhatsApp library error", "location", location, "error", String.valueOf(error.getMessage()));
        return switch (location) {
            // the same choices as cobalt's default handler, without its stack traces or files
            case LOGIN, INITIAL_APP_STATE_SYNC, CRYPTOGRAPHY -> ErrorHandler.Result.DISCONNECT;
            default -> ErrorHandler.Result.DISCARD;
        };
    }
}
