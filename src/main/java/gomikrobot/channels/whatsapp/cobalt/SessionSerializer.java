package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.observe.Log;
import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.Controller;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.controller.KeysSpec;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.controller.StoreSpec;
import it.auties.whatsapp.model.mobile.PhoneNumber;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedList;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * cobalt's {@link ControllerSerializer} over our {@link SessionFolder}, so the session is never lost by accident.
 * Every save writes what changed: cobalt's own serializer skips a write while {@code hashCode()} is unchanged,
 * and Signal session state hashes only its version and base key, so ratchet steps were never saved; here the
 * encoded bytes decide. Chat history and newsletters are never written. cobalt's {@link #deleteSession}, which
 * it calls for temporary server errors too, is refused until WhatsApp confirmed a logout ({@link #confirmLogout}).
 * Sessions are looked up by id only.
 */
final class SessionSerializer implements ControllerSerializer {
    private final SessionFolder folder;
    private final Log log;
    private final Set<UUID> confirmedLogouts = ConcurrentHashMap.newKeySet();

    SessionSerializer(Path root, Log log) {
        this.folder = new SessionFolder(root, log);
        this.log = log;
    }

    // ---- our own API ----

    /** The pinned session, if one is pinned and its keys exist. */
    Optional<UUID> pinned() {
        return folder.pinned();
    }

    /** Makes {@code id} the session every later start uses. */
    void pin(UUID id) {
        folder.pin(id);
    }

    /** WhatsApp confirmed this session is over (failure 401, device removed): delete it, now and for good. */
    void confirmLogout(UUID id) {
        confirmedLogouts.add(id);
        folder.delete(id);
    }

    /** Deletes a session we decided to drop ourselves (an abandoned or superseded pairing). */
    void discard(UUID id) {
        folder.delete(id);
    }

    /** Removes chat history of earlier versions and temporary files of an interrupted save. */
    void tidy(UUID id) {
        folder.tidy(id);
    }

    // ---- ControllerSerializer ----

    @Override
    public LinkedList<UUID> listIds(ClientType type) {
        return type == ClientType.WEB ? new LinkedList<>(folder.ids()) : new LinkedList<>();
    }

    @Override
    public LinkedList<PhoneNumber> listPhoneNumbers(ClientType type) {
        return new LinkedList<>();
    }

    @Override
    public CompletableFuture<Void> serializeKeys(Keys keys, boolean async) {
        return save(keys.uuid(), SessionFolder.KEYS, () -> KeysSpec.encode(keys), async);
    }

    @Override
    public CompletableFuture<Void> serializeStore(Store store, boolean async) {
        return save(store.uuid(), SessionFolder.STORE, () -> StoreSpec.encode(store), async);
    }

    @Override
    public Optional<Keys> deserializeKeys(ClientType type, UUID id) {
        return read(id, SessionFolder.KEYS, KeysSpec::decode);
    }

    @Override
    public Optional<Keys> deserializeKeys(ClientType type, PhoneNumber phoneNumber) {
        return Optional.empty();
    }

    @Override
    public Optional<Keys> deserializeKeys(ClientType type, String alias) {
        return Optional.empty();
    }

    @Override
    public Optional<Store> deserializeStore(ClientType type, UUID id) {
        return read(id, SessionFolder.STORE, StoreSpec::decode);
    }

    @Override
    public Optional<Store> deserializeStore(ClientType type, PhoneNumber phoneNumber) {
        return Optional.empty();
    }

    @Override
    public Optional<Store> deserializeStore(ClientType type, String alias) {
        return Optional.empty();
    }

    /** cobalt calls this on every LOGGED_OUT or BANNED it infers, including temporary server errors (503). */
    @Override
    public void deleteSession(Controller<?> controller) {
        if (confirmedLogouts.contains(controller.uuid())) {
            folder.delete(controller.uuid());
        } else {
            log.info("WhatsApp session kept: the library asked to delete it, but WhatsApp did not confirm a logout",
                    "session", controller.uuid());
        }
    }

    // ---- helpers ----

    private CompletableFuture<Void> save(UUID id, String name, Supplier<byte[]> encoder, boolean async) {
        if (async) {
            return CompletableFuture.runAsync(() -> folder.write(id, name, encoder), Thread::startVirtualThread);
        }
        folder.write(id, name, encoder);
        return CompletableFuture.completedFuture(null);
    }

    private <T> Optional<T> read(UUID id, String name, Function<ProtobufInputStream, T> decoder) {
        try {
            // decoding from a byte array takes cobalt's lazy string path, whose JID parser breaks on device
            // suffixes ("…:7@s.whatsapp.net", the linked device's own JID); a stream decodes strings eagerly
            return folder.read(id, name)
                    .map(bytes -> decoder.apply(ProtobufInputStream.fromStream(new ByteArrayInputStream(bytes))));
        } catch (IOException | RuntimeException e) {
            log.warn("WhatsApp session file unreadable", "session", id, "file", name, "error", e);
            return Optional.empty();
        }
    }
}
