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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Conversation history per session: an append-only JSONL file {@code <dir>/<session>.jsonl} (one
 * {@code {"role","content","timestamp"}} object a line) and the last {@code limit} turns in memory. Thread-safe:
 * each session has its own lock, so sessions never wait for each other. A damaged line is skipped with a
 * warning rather than losing the whole history.
 */
public final class SessionStore {
    private final Path dir;
    private final int limit;
    private final Log log;
    private final Map<String, History> sessions = new ConcurrentHashMap<>();

    public SessionStore(Path dir, int limit, Log log) {
        if (limit < 1) {
            throw new IllegalArgumentException("history limit must be positive, got " + limit);
        }
        this.dir = dir;
        this.limit = limit;
        this.log = log;
    }

    /** The last turns of a session, oldest first. */
    public List<Turn> history(String sessionKey) {
        History h = historyOf(sessionKey);
        h.lock.lock();
        try {
            return List.copyOf(h.turns);
        } finally {
            h.lock.unlock();
        }
    }

    /** Appends a user message and the assistant's answer together, so a history never ends half-way. */
    public void appendExchange(String sessionKey, String userText, String answer, Instant at) {
        History h = historyOf(sessionKey);
        h.lock.lock();
        try {
            Turn user = new Turn("user", userText, at);
            Turn assistant = new Turn("assistant", answer, at);
            writeLines(sessionKey, List.of(user, assistant));
            remember(h, user);
            remember(h, assistant);
        } finally {
            h.lock.unlock();
        }
    }

    /** File name for a session key: safe characters kept, everything else (':', '/', '@') becomes '_'. */
    static String fileNameOf(String sessionKey) {
        String safe = sessionKey.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.startsWith(".")) {
            safe = "_" + safe;
        }
        return safe + ".jsonl";
    }

    private History historyOf(String sessionKey) {
        return sessions.computeIfAbsent(sessionKey, this::load);
    }

    private History load(String sessionKey) {
        History h = new History();
        Path file = dir.resolve(fileNameOf(sessionKey));
        if (!Files.exists(file)) {
            return h;
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.filter(line -> !line.isBlank()).forEach(line -> parse(file, line, h));
        } catch (IOException | UncheckedIOException e) {
            log.warn("Session history unreadable; starting empty", "file", file, "error", e);
        }
        return h;
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
            Files.createDirectories(dir);
            Path file = dir.resolve(fileNameOf(sessionKey));
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
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

    private static final class History {
        final ReentrantLock lock = new ReentrantLock();
        final Deque<Turn> turns = new ArrayDeque<>();
    }
}
