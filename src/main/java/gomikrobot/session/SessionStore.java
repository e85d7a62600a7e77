package gomikrobot.session;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Conversation history per session: an append-only JSONL file (one {@code {"role","content","timestamp"}} object
 * a line, named by {@link SessionFiles}) and the last {@code limit} turns in memory, for at most
 * {@code maxCached} sessions: the one used longest ago is dropped first and read from its file again when it
 * comes back. Thread-safe: each session has its own lock, so sessions never wait for each other's file. A
 * damaged line is skipped with a warning rather than losing the whole history.
 */
public final class SessionStore {
    private final SessionFiles files;
    private final int limit;
    private final Log log;
    private final ReentrantLock cacheLock = new ReentrantLock();
    private final Map<String, History> cached;

    public SessionStore(Path dir, int limit, int maxCached, Log log) {
        if (limit < 1 || maxCached < 1) {
            throw new IllegalArgumentException("history limit and cache size must be positive, got " + limit
                    + " and " + maxCached);
        }
        this.files = new SessionFiles(dir);
        this.limit = limit;
        this.log = log;
        this.cached = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, History> eldest) {
                // its file holds every turn, so dropping it loses nothing; one in use waits for a later turn
                return size() > maxCached && eldest.getValue().users.get() == 0;
            }
        };
    }

    /** The last turns of a session, oldest first. */
    public List<Turn> history(String sessionKey) {
        return withHistory(sessionKey, h -> List.copyOf(h.turns));
    }

    /** Appends a user message and the assistant's answer together, so a history never ends half-way. */
    public void appendExchange(String sessionKey, String userText, String answer, Instant at) {
        withHistory(sessionKey, h -> {
            Turn user = new Turn("user", userText, at);
            Turn assistant = new Turn("assistant", answer, at);
            writeLines(sessionKey, List.of(user, assistant));
            remember(h, user);
            remember(h, assistant);
            return null;
        });
    }

    /** Sessions whose history is held in memory now. */
    int cachedSessions() {
        cacheLock.lock();
        try {
            return cached.size();
        } finally {
            cacheLock.unlock();
        }
    }

    /**
     * Runs {@code work} on the session's history, read from its file on first use, under the session's lock. A
     * history in use is never dropped from the cache, so no second copy of it can be read meanwhile.
     */
    private <T> T withHistory(String sessionKey, Function<History, T> work) {
        History h;
        cacheLock.lock();
        try {
            h = cached.computeIfAbsent(sessionKey, k -> new History());
            h.users.incrementAndGet();
        } finally {
            cacheLock.unlock();
        }
        h.lock.lock();
        try {
            if (!h.loaded) {
                load(sessionKey, h);
                h.loaded = true;
            }
            return work.apply(h);
        } finally {
            h.lock.unlock();
            h.users.decrementAndGet();
        }
    }

    private void load(String sessionKey, History h) {
        Path file = files.fileOf(sessionKey);
        if (!Files.exists(file)) {
            Optional<Path> legacy = files.legacyFileOf(sessionKey).filter(Files::isRegularFile);
            if (legacy.isEmpty()) {
                return;
            }
            file = takeOver(legacy.get(), file);
        }
        Path source = file;
        try (Stream<String> lines = Files.lines(source, StandardCharsets.UTF_8)) {
            lines.filter(line -> !line.isBlank()).forEach(line -> parse(source, line, h));
        } catch (IOException | UncheckedIOException e) {
            log.warn("Session history unreadable; starting empty", "file", source, "error", e);
        }
    }

    /** Renames a legacy history file to its new name; if that fails it is read where it is. */
    private Path takeOver(Path legacy, Path file) {
        try {
            Files.move(legacy, file);
            log.info("Session history file renamed", "from", legacy.getFileName(), "to", file.getFileName());
            return file;
        } catch (IOException e) {
            log.warn("Legacy session history not renamed; read in place", "file", legacy, "error", e);
            return legacy;
        }
    }

    private void parse(Path file, String line, History h) {
        try {
            JsonObject o = Json.parseObject(line);
            Instant at = o.string("timestamp").map(Instant::parse).orElse(Instant.EPOCH);
            remember(h, new Turn(o.string("role", ""), o.string("content", ""), at));
        } catch (JsonException | IllegalArgumentException | java.time.DateTimeException e) {
            log.warn("Skipping damaged session line", "file", file, "error", e);
        }
    }

    private void remember(History h, Turn turn) {
        h.turns.addLast(turn);
        while (h.turns.size() > limit) {
            h.turns.removeFirst();
        }
    }

    private void writeLines(String sessionKey, List<Turn> turns) {
        try {
            Files.createDirectories(files.dir());
            try (BufferedWriter w = Files.newBufferedWriter(files.fileOf(sessionKey), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                for (Turn t : turns) {
                    w.write(Json.write(Json.object("role", t.role(), "content", t.content(),
                            "timestamp", t.at().toString())));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write session history for " + sessionKey, e);
        }
    }

    /** One session's turns; {@code loaded} and {@code turns} are guarded by {@code lock}. */
    private static final class History {
        final ReentrantLock lock = new ReentrantLock();
        final AtomicInteger users = new AtomicInteger();
        final Deque<Turn> turns = new ArrayDeque<>();
        boolean loaded;
    }
}
