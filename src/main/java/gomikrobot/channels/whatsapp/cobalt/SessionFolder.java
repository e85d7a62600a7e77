package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.config.ConfigFile;
import gomikrobot.files.AtomicFile;
import gomikrobot.observe.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The files of the saved sessions, in cobalt's layout ({@code web/<uuid>/keys.proto}, {@code store.proto}) so
 * sessions of earlier versions load, plus {@code session-id}, the pin naming the session in use. A file is
 * written beside its target, forced to disk and moved into place atomically, so a crash leaves the old file or
 * the new one, never half of one; a write whose bytes equal the last written ones is skipped. Writes of one
 * file are serialised, and the newest state always lands last. After a session's delete its late writes are
 * dropped. Files are readable by their owner only: they hold the device's keys.
 */
final class SessionFolder {
    static final String PIN = "session-id";
    static final String KEYS = "keys.proto";
    static final String STORE = "store.proto";
    private static final Set<String> HISTORY_PREFIXES = Set.of("chat_", "newsletter_");

    private final Path root;
    private final Path web;
    private final Log log;
    private final Set<UUID> deleted = ConcurrentHashMap.newKeySet();
    private final Map<Path, byte[]> lastWritten = new ConcurrentHashMap<>();
    private final Map<Path, Object> fileLocks = new ConcurrentHashMap<>();

    SessionFolder(Path root, Log log) {
        this.root = root.toAbsolutePath();
        this.web = this.root.resolve("web");
        this.log = log;
    }

    /** The sessions that have keys, by id (never by folder time). */
    List<UUID> ids() {
        if (!Files.isDirectory(web)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(web)) {
            return entries.filter(dir -> Files.isRegularFile(dir.resolve(KEYS)))
                    .map(dir -> parseId(dir.getFileName().toString()))
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparing(UUID::toString))
                    .toList();
        } catch (IOException e) {
            log.warn("WhatsApp session folder unreadable", "folder", web, "error", e);
            return List.of();
        }
    }

    /** The pinned session, if one is pinned and its keys exist. */
    Optional<UUID> pinned() {
        return pinnedId().filter(id -> Files.isRegularFile(file(id, KEYS)));
    }

    /** Makes {@code id} the session every later start uses. */
    void pin(UUID id) {
        writeAtomically(root.resolve(PIN), (id + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code name} of session {@code id} with the bytes {@code encoder} makes, unless they are unchanged. */
    void write(UUID id, String name, Supplier<byte[]> encoder) {
        Path target = file(id, name);
        // encoding inside the file's lock: the last writer always saves the newest state
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

    /** The bytes of {@code name} of session {@code id}; empty when there is no such file. */
    Optional<byte[]> read(UUID id, String name) throws IOException {
        Path source = file(id, name);
        synchronized (lockOf(source)) {
            try {
                byte[] bytes = Files.readAllBytes(source);
                lastWritten.put(source, sha256(bytes));
                return Optional.of(bytes);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }
    }

    /** Deletes session {@code id} for good: its folder, its pin, and any write that still comes. */
    void delete(UUID id) {
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

    /** Removes what must not stay: chat history files of earlier versions, temporary files of an interrupted save. */
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

    private void writeAtomically(Path target, byte[] bytes) {
        try {
            ConfigFile.ensurePrivateDirectory(target.getParent());
            AtomicFile.replace(target, out -> out.write(bytes));
        } catch (IOException e) {
            log.error("WhatsApp session could not be saved", "file", target, "error", e);
            throw new UncheckedIOException("cannot save " + target + ": " + e.getMessage(), e);
        }
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

    private static Optional<UUID> parseId(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
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
