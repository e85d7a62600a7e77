package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.config.ConfigFile;
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
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * cobalt's {@link ControllerSerializer} for our session folder, written so the session is never lost by accident.
 * Every save writes what changed: cobalt's own serializer skips a write while {@code hashCode()} is unchanged,
 * and Signal session state hashes only its version and base key, so ratchet steps were never saved; here the
 * encoded bytes decide. A file is written beside its target and moved into place atomically. Chat history and
 * newsletters are never written. cobalt's {@link #deleteSession} is refused until WhatsApp confirmed a logout
 * ({@link #confirmLogout}); after a delete, late writes of that session are dropped. The layout is cobalt's
 * ({@code web/<uuid>/keys.proto}, {@code store.proto}), so sessions saved by earlier versions load; the session
 * in use is pinned by id in {@code session-id}, never chosen by folder time.
 */
final class SessionSerializer implements ControllerSerializer {
    static final String PIN = "session-id";
    static final String KEYS = "keys.proto";
    static final String STORE = "store.proto";
    private static final Set<String> HISTORY_PREFIXES = Set.of("chat_", "newsletter_");

    private final Path root;
    private final Path web;
    private final Log log;
    private final Set<UUID> confirmedLogouts = ConcurrentHashMap.newKeySet();
    private final Set<UUID> deleted = ConcurrentHashMap.newKeySet();
    private final Map<Path, byte[]> lastWritten = new ConcurrentHashMap<>();
    private final Map<Path, Object> fileLocks = new ConcurrentHashMap<>();

    SessionSerializer(Path root, Log log) {
        this.root = root.toAbsolutePath();
        this.web = this.root.resolve("web");
        this.log = log;
    }

    // ---- our own API ----

    /** The pinned session, if one is pinned and its keys exist. */
    Optional<UUID> pinned() {
        return pinnedId().filter(id -> Files.isRegularFile(file(id, KEYS)));
    }

    /** Makes {@code id} the session every later start uses. */
    void pin(UUID id) {
        writeAtomically(root.resolve(PIN), (id + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** WhatsApp confirmed this session is over (failure 401, device removed): delete it, now or when cobalt asks. */
    void confirmLogout(UUID id) {
        confirmedLogouts.add(id);
        delete(id);
    }

    /** Deletes a session we decided to drop ourselves (an abandoned or superseded pairing). */
    void discard(UUID id) {
        delete(id);
    }

    /** Removes what must not stay in the folder: chat history files of earlier versions and temporary files of an interrupted save. */
    void tidy(UUID id) {
        try (Stream<Path> files = Files.list(web.resolve(id.toString()))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".tmp") || HISTORY_PREFIXES.stream().anyMatch(name::startsWith)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (NoSuchFileException e) {
            // nothing saved yet
        } catch (IOException e) {
            log.warn("WhatsApp session folder could not be tidied", "session", id, "error", e);
        }
    }

    // ---- ControllerSerializer ----

    @Override
    public LinkedList<UUID> listIds(ClientType type) {
        LinkedList<UUID> ids = new LinkedList<>();
        if (type != ClientType.WEB || !Files.isDirectory(web)) {
            return ids;
        }
        try (Stream<Path> entries = Files.list(web)) {
            entries.filter(dir -> Files.isRegularFile(dir.resolve(KEYS)))
                    .map(dir -> parseId(dir.getFileName().toString()))
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparing(UUID::toString))
                    .forEach(ids::add);
        } catch (IOException e) {
            log.warn("WhatsApp session folder unreadable", "folder", web, "error", e);
        }
        return ids;
    }

    @Override
    public LinkedList<PhoneNumber> listPhoneNumbers(ClientType type) {
        return new LinkedList<>(); // sessions are looked up by id only
    }

    @Override
    public CompletableFuture<Void> serializeKeys(Keys keys, boolean async) {
        return save(keys.uuid(), KEYS, () -> KeysSpec.encode(keys), async);
    }

    @Override
    public CompletableFuture<Void> serializeStore(Store store, boolean async) {
        return save(store.uuid(), STORE, () -> StoreSpec.encode(store), async);
    }

    @Override
    public Optional<Keys> deserializeKeys(ClientType type, UUID id) {
        return read(id, KEYS, KeysSpec::decode);
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
        return read(id, STORE, StoreSpec::decode);
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
            delete(controller.uuid());
        } else {
            log.info("WhatsApp session kept: the library asked to delete it, but WhatsApp did not confirm a logout",
                    "session", controller.uuid());
        }
    }

    // ---- helpers ----

    private CompletableFuture<Void> save(UUID id, String name, Supplier<byte[]> encoder, boolean async) {
        if (async) {
            return CompletableFuture.runAsync(() -> write(id, name, encoder), Thread::startVirtualThread);
        }
        write(id, name, encoder);
        return CompletableFuture.completedFuture(null);
    }

    private void write(UUID id, String name, Supplier<byte[]> encoder) {
        Path target = file(id, name);
        // one writer per file, encoding inside the lock: the last writer always saves the newest state
        synchronized (lockOf(target)) {
            if (deleted.contains(id)) {
                return;
            }
            byte[] bytes = encoder.get();
            byte[] digest = sha256(bytes);
            if (Arrays.equals(digest, lastWritten.get(target))) {
                return;
            }
            writeAtomically(target, bytes);
            lastWritten.put(target, digest);
        }
    }

    private void writeAtomically(Path target, byte[] bytes) {
        Path tmp = null;
        try {
            ConfigFile.ensurePrivateDirectory(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(bytes));
                out.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.error("WhatsApp session could not be saved", "file", target, "error", e);
            throw new UncheckedIOException("cannot save " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private <T> Optional<T> read(UUID id, String name, Function<ProtobufInputStream, T> decoder) {
        Path source = file(id, name);
        synchronized (lockOf(source)) {
            try {
                byte[] bytes = Files.readAllBytes(source);
                // decoding from a byte array takes cobalt's lazy string path, whose JID parser breaks on device
                // suffixes ("…:7@s.whatsapp.net", the linked device's own JID); a stream decodes strings eagerly
                T value = decoder.apply(ProtobufInputStream.fromStream(new ByteArrayInputStream(bytes)));
                lastWritten.put(source, sha256(bytes));
                return Optional.of(value);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                log.warn("WhatsApp session file unreadable", "file", source, "error", e);
                return Optional.empty();
            }
        }
    }

    private void delete(UUID id) {
        deleted.add(id);
        synchronized (lockOf(file(id, KEYS))) {
            synchronized (lockOf(file(id, STORE))) {
                Path dir = web.resolve(id.toString());
                try (Stream<Path> tree = Files.exists(dir) ? Files.walk(dir) : Stream.empty()) {
                    for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    log.warn("WhatsApp session folder could not be deleted", "folder", dir, "error", e);
                }
            }
        }
        if (pinnedId().filter(id::equals).isPresent()) {
            deleteQuietly(root.resolve(PIN));
        }
        log.info("WhatsApp session deleted", "session", id);
    }

    private Optional<UUID> pinnedId() {
        try {
            return parseId(Files.readString(root.resolve(PIN)).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.warn("WhatsApp session pin unreadable; ignoring it", "file", root.resolve(PIN), "error", e);
            return Optional.empty();
        }
    }

    private Path file(UUID id, String name) {
        return web.resolve(id.toString()).resolve(name);
    }

    private Object lockOf(Path file) {
        return fileLocks.computeIfAbsent(file, ignored -> new Object());
    }

    private static Optional<UUID> parseId(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("WhatsApp temporary file left behind", "file", file, "error", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
