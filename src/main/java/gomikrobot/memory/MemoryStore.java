package gomikrobot.memory;

import gomikrobot.timeline.Database;
import gomikrobot.timeline.Times;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The SQL of {@code memory_chunks} and its full-text index {@code memory_chunks_fts} (kept in step by triggers,
 * see {@code V2__memory_fts.sql}). Writes go through one {@link Database#write} each, so a batch is atomic.
 */
final class MemoryStore {
    /** A chunk to write, with its embedding or null when none could be made. */
    record Write(MemoryChunk chunk, float[] embedding) {
    }

    /** What is stored for one id: its source and whether it has an embedding. */
    record Stored(String source, boolean embedded) {
    }

    /** A full-text match: the chunk's id and its BM25 score (SQLite's sign: lower is better). */
    record KeywordHit(String id, double bm25) {
    }

    private static final String UPSERT = """
            INSERT INTO memory_chunks (id, content, embedding, source, tags, version, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, 1, ?, ?)
            ON CONFLICT(id) DO UPDATE SET content = excluded.content,
                embedding = COALESCE(excluded.embedding, memory_chunks.embedding), source = excluded.source,
                tags = excluded.tags, version = memory_chunks.version + 1, updated_at = excluded.updated_at""";

    /** Ids bound in one {@code IN (...)} list, well under SQLite's limit on bound parameters. */
    private static final int IDS_PER_QUERY = 500;

    private final Database db;
    private final Clock clock;

    MemoryStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Inserts each chunk, or for an existing id replaces its fields and bumps {@code version}. A null embedding
     * keeps the stored one: a chunk written while the embedder was down does not lose an older vector.
     */
    void upsert(List<Write> writes) {
        if (writes.isEmpty()) {
            return;
        }
        String now = Times.format(clock.instant());
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (Write w : writes) {
                    MemoryChunk chunk = w.chunk();
                    ps.setString(1, chunk.id());
                    ps.setString(2, chunk.content());
                    ps.setBytes(3, w.embedding() == null ? null : Vectors.toBlob(w.embedding()));
                    ps.setString(4, chunk.source());
                    ps.setString(5, chunk.tags());
                    ps.setString(6, now);
                    ps.setString(7, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    void delete(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM memory_chunks WHERE id = ?")) {
                for (String id : ids) {
                    ps.setString(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** How many embeddings have exactly {@code dimension} floats. */
    int countEmbeddings(int dimension) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM memory_chunks WHERE length(embedding) = ?")) {
                ps.setInt(1, dimension * Float.BYTES);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /** Whether any chunk has an embedding (a memory without one gains nothing from embedding a query). */
    boolean hasEmbeddings() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM memory_chunks WHERE embedding IS NOT NULL)");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        });
    }

    /** The dimension most stored embeddings have, or 0 when there are none. */
    int commonDimension() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT length(embedding) / 4 FROM memory_chunks WHERE embedding IS NOT NULL
                    GROUP BY length(embedding) ORDER BY COUNT(*) DESC LIMIT 1""");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    /** Every id whose source starts with {@code prefix}, with what is stored for it. */
    Map<String, Stored> idsWithSourcePrefix(String prefix) {
        return db.read(c -> {
            Map<String, Stored> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, source, embedding IS NOT NULL FROM memory_chunks WHERE substr(source, 1, ?) = ?")) {
                ps.setInt(1, prefix.length());
                ps.setString(2, prefix);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Stored(rs.getString(2), rs.getBoolean(3)));
                    }
                }
            }
            return out;
        });
    }

    /** Streams every embedding of exactly {@code dimension} floats; returns how many rows had another length. */
    int forEachEmbedding(int dimension, BiConsumer<String, float[]> sink) {
        return db.read(c -> {
            int skipped = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, embedding FROM memory_chunks WHERE embedding IS NOT NULL");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] blob = rs.getBytes(2);
                    if (blob.length == dimension * Float.BYTES) {
                        sink.accept(rs.getString(1), Vectors.fromBlob(blob));
                    } else {
                        skipped++;
                    }
                }
            }
            return skipped;
        });
    }

    /**
     * The stored embeddings of these ids, keyed by id; ids without one (or gone) are absent. One query per
     * {@value #IDS_PER_QUERY} ids, so a search's candidates cost one round trip.
     */
    Map<String, float[]> embeddings(Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        return db.read(c -> {
            Map<String, float[]> out = new HashMap<>();
            for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
                List<String> batch = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
                String marks = String.join(",", Collections.nCopies(batch.size(), "?"));
                String sql = "SELECT id, embedding FROM memory_chunks WHERE embedding IS NOT NULL AND id IN (" + marks + ")";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < batch.size(); i++) {
                        ps.setString(i + 1, batch.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            byte[] blob = rs.getBytes(2);
                            if (blob.length % Float.BYTES == 0) {
                                out.put(rs.getString(1), Vectors.fromBlob(blob));
                            }
                        }
                    }
                }
            }
            return out;
        });
    }

    /** Up to {@code limit} chunks matching an FTS5 expression, best BM25 first, at most one hit per chunk id. */
    List<KeywordHit> keywordSearch(String matchExpression, int limit) {
        return db.read(c -> {
            Map<String, KeywordHit> best = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT chunk_id, bm25(memory_chunks_fts) FROM memory_chunks_fts
                    WHERE memory_chunks_fts MATCH ? ORDER BY rank LIMIT ?""")) {
                ps.setString(1, matchExpression);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        best.putIfAbsent(rs.getString(1), new KeywordHit(rs.getString(1), rs.getDouble(2)));
                    }
                }
            }
            return List.copyOf(best.values());
        });
    }

    /** The chunks with these ids that exist, keyed by id. */
    Map<String, MemoryChunk> chunks(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return db.read(c -> {
            Map<String, MemoryChunk> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, content, source, tags FROM memory_chunks WHERE id = ?")) {
                for (String id : ids) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && isUsable(rs.getString(2), rs.getString(3))) {
                            out.put(id, new MemoryChunk(rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4)));
                        }
                    }
                }
            }
            return out;
        });
    }

    long count() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM memory_chunks");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** Rows another program wrote with empty text or source cannot be shown; they are left alone, not failed on. */
    private static boolean isUsable(String content, String source) {
        return content != null && !content.isBlank() && source != null && !source.isBlank();
    }
}
