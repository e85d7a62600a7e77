package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.observe.Log;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.api.ErrorHandler;
import it.auties.whatsapp.api.MediaProxySetting;
import it.auties.whatsapp.api.TextPreviewSetting;
import it.auties.whatsapp.api.WebHistorySetting;
import it.auties.whatsapp.api.WebOptionsBuilder;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.controller.Keys;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The saved sessions in one folder ({@code <home>/whatsapp}, never cobalt's {@code ~/.cobalt}) and how every
 * client we build is set up. Safe defaults for old and new sessions alike: no link previews (a text the LLM
 * wrote must not make the gateway fetch its URLs), no chat history kept, media never through a proxy (the
 * socket's proxy is the {@link ReconnectFence}). Library errors go to our {@link Log}, never to cobalt's stack
 * traces or its {@code ~/.cobalt/errors} files. Looking a session up never creates one.
 */
final class CobaltSessions {
    private final SessionSerializer serializer;
    private final Log log;

    CobaltSessions(Path sessionDir, Log log) {
        this.serializer = new SessionSerializer(sessionDir, log);
        this.log = log;
    }

    SessionSerializer serializer() {
        return serializer;
    }

    /**
     * The session of a paired device: the pinned one; without a pin (a folder from an earlier version) the only
     * paired one, which is then pinned. Empty when there is none, or several and none pinned.
     */
    Optional<UUID> pairedSession() {
        Optional<UUID> pinned = serializer.pinned();
        if (pinned.isPresent()) {
            return pinned.filter(this::registered);
        }
        List<UUID> paired = serializer.listIds(ClientType.WEB).stream().filter(this::registered).toList();
        if (paired.size() > 1) {
            log.warn("Several saved WhatsApp sessions and none pinned; pair again with `gomikrobot whatsapp-auth --force`",
                    "sessions", paired.size());
            return Optional.empty();
        }
        paired.forEach(serializer::pin);
        return paired.stream().findFirst();
    }

    /** A client over the saved session {@code id}; empty when it is gone or was never paired. */
    Optional<Whatsapp> client(UUID id, ErrorHandler errors) {
        return Whatsapp.webBuilder().serializer(serializer).newOptionalConnection(id)
                .flatMap(options -> withDefaults(options, errors).registered());
    }

    /** Options for a new session {@code id} (pairing), with the same defaults. */
    WebOptionsBuilder newSession(UUID id, ErrorHandler errors) {
        return withDefaults(Whatsapp.webBuilder().serializer(serializer).newConnection(id), errors);
    }

    /**
     * A fresh client over {@code old}'s very objects, for a client stuck in its handshake. The protected
     * constructor is the only public way: the builders hand back the cached stuck instance, and loading the
     * files again would give two key sets that overwrite each other. Listeners live in the shared store.
     */
    Whatsapp rebuild(Whatsapp old, ErrorHandler errors) {
        return new Whatsapp(old.store(), old.keys(), errors, null) {
        };
    }

    /** What the library reports, logged as ours; the answer keeps cobalt's default choices minus its files. */
    ErrorHandler.Result onError(ErrorHandler.Location location, Throwable error) {
        log.warn("WhatsApp library error", "location", location, "error", String.valueOf(error.getMessage()));
        return switch (location) {
            case LOGIN, INITIAL_APP_STATE_SYNC, CRYPTOGRAPHY -> ErrorHandler.Result.DISCONNECT;
            default -> ErrorHandler.Result.DISCARD;
        };
    }

    private boolean registered(UUID id) {
        return serializer.deserializeKeys(ClientType.WEB, id).map(Keys::registered).orElse(false);
    }

    private static WebOptionsBuilder withDefaults(WebOptionsBuilder options, ErrorHandler errors) {
        return options.errorHandler(errors)
                .textPreviewSetting(TextPreviewSetting.DISABLED)
                .historySetting(WebHistorySetting.discard(false))
                .mediaProxySetting(MediaProxySetting.NONE);
    }
}
