package gomikrobot.memory;

import gomikrobot.config.ModelConfig;
import gomikrobot.observe.Log;
import gomikrobot.provider.LlmProvider;
import gomikrobot.timeline.Database;
import gomikrobot.tools.Tool;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * Semantic memory, the one type other packages use: remember and recall text, the "Relevant memory" block for
 * each prompt, the two memory tools, and indexing of the soul files. Works without an embedder (keyword search
 * only) and is safe to use from many threads, including searching while the soul files are being indexed.
 */
public final class Memory {
    /** Results in the prompt's "Relevant memory" block, and the score each must reach. */
    public static final int RAG_RESULTS = 5;
    public static final double RAG_MIN_SCORE = 0.30;
    /** Longest text the remember tool stores, and longest tags. */
    public static final int MAX_CONTENT_CHARS = 8000;
    public static final int MAX_TAGS_CHARS = 200;
    /** A query longer than this is cut (a long message still finds memory by its beginning). */
    static final int MAX_QUERY_CHARS = 4000;
    /** Longest text of one chunk shown in the prompt block or a recall answer. */
    static final int MAX_SHOWN_CHARS = 2000;

    /** A stored chunk and whether it got an embedding (false: it is found by keywords only). */
    public record Remembered(MemoryChunk chunk, boolean embedded) {
    }

    /** What one soul-file indexing run did: chunks written, chunks already current, chunks deleted. */
    public record IndexReport(int added, int unchanged, int removed) {
    }

    private final MemoryStore store;
    private final Embedder embedder;
    private final MemorySearch search;
    private final SoulIndexer soulIndexer;
    private final Log log;

    /** As the full constructor, with the default time box {@link ModelConfig#DEFAULT_EMBEDDING_TIMEOUT}. */
    public Memory(Database db, LlmProvider provider, String embeddingModel, Clock clock, Log log) {
        this(db, provider, embeddingModel, ModelConfig.DEFAULT_EMBEDDING_TIMEOUT,
                Thread.ofVirtual().name("query-embedding").factory(), clock, log);
    }

    /**
     * @param provider       the embedder; null for none (keyword search only)
     * @param embeddingModel null or blank for the provider's default ({@code text-embedding-3-small})
     * @param queryTimeBox   how long a search waits for its query's embedding (then keywords alone answer)
     * @param queryThreads   makes the thread that time-boxed call runs on
     */
    public Memory(Database db, LlmProvider provider, String embeddingModel, Duration queryTimeBox,
                  ThreadFactory queryThreads, Clock clock, Log log) {
        this.store = new MemoryStore(db, clock);
        this.embedder = new Embedder(provider, embeddingModel, queryThreads, log);
        this.search = new MemorySearch(store, embedder, new QueryVectors(embedder, queryTimeBox, clock), log);
        this.soulIndexer = new SoulIndexer(store, embedder, search, log);
        this.log = log;
    }

    /**
     * The "Relevant memory" block for a message: up to {@value #RAG_RESULTS} chunks scoring at least
     * {@value #RAG_MIN_SCORE}, one per line item, or "" when none does. Fits {@code agent.MemoryContext}.
     */
    public String relevantTo(String query) {
        if (query == null || query.isBlank()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (MemoryHit hit : recall(query, RAG_RESULTS)) {
            if (hit.score() >= RAG_MIN_SCORE) {
                sb.append("- (").append(origin(hit.chunk())).append(") ")
                        .append(excerpt(hit.chunk().content())).append('\n');
            }
        }
        return sb.toString();
    }

    /** The best {@code limit} chunks for {@code query}, best first, each with a score in 0..1. */
    public List<MemoryHit> recall(String query, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("recall limit must be positive: " + limit);
        }
        String cut = query.length() > MAX_QUERY_CHARS ? query.substring(0, MAX_QUERY_CHARS) : query;
        // an empty memory finds nothing: no paid embedding of the query for it (nor without any stored vector)
        return cut.isBlank() || store.count() == 0 ? List.of() : search.search(cut, limit);
    }

    /** Stores {@code content} as a {@code user} chunk; the same text again updates the same chunk (version + 1). */
    public Remembered remember(String content, String tags) {
        return remember(content, tags, MemoryChunk.USER_SOURCE);
    }

    /** As {@link #remember(String, String)}, from another source (an item shared by a group member: {@code group:<agent>}). */
    public Remembered remember(String content, String tags, String source) {
        MemoryChunk chunk = MemoryChunk.of(content, source, tags);
        Optional<List<float[]>> vector = embedder.embed(List.of(content));
        MemoryStore.Write write = new MemoryStore.Write(chunk, vector.map(List::getFirst).orElse(null));
        store.upsert(List.of(write));
        search.added(List.of(write));
        return new Remembered(chunk, write.embedding() != null);
    }

    /** {@code remember} (tier 1) and {@code recall} (tier 0). */
    public List<Tool> tools() {
        return List.of(new RememberTool(this), new RecallTool(this));
    }

    /**
     * Splits the named soul files of {@code workspace} on {@code ## } headings and brings their chunks up to
     * date; unchanged sections cost no embedding call. Then loads the stored vectors into memory, so the first
     * message does not wait for that. Meant to run on a background virtual thread at start-up.
     */
    public IndexReport indexSoulFiles(Path workspace, List<String> fileNames) {
        SoulIndexer.Report r = soulIndexer.index(workspace, fileNames);
        return new IndexReport(r.added(), r.unchanged(), r.removed());
    }

    /**
     * {@link #indexSoulFiles} on a virtual thread of its own, off the start-up path (searching while it runs is
     * safe); the outcome is logged.
     */
    public Thread indexSoulFilesInBackground(Path workspace, List<String> fileNames) {
        return Thread.ofVirtual().name("soul-indexer").start(() -> {
            try {
                IndexReport report = indexSoulFiles(workspace, fileNames);
                log.info("Soul files indexed", "added", report.added(), "unchanged", report.unchanged(),
                        "removed", report.removed());
            } catch (RuntimeException e) {
                log.unexpected("Soul file indexing failed; memory answers from what it has", e);
            }
        });
    }

    /** Whether embeddings are (still) believed to work; false once the provider refused them. */
    public boolean embeddingsAvailable() {
        return embedder.available();
    }

    /** Chunks stored, with or without embedding. */
    public long chunkCount() {
        return store.count();
    }

    // ----- package-private -----

    /** "user", "user, tags: x" or "soul:USER.md, tags: Preferences": where a chunk came from. */
    static String origin(MemoryChunk chunk) {
        return chunk.tags().isBlank() ? chunk.source() : chunk.source() + ", tags: " + chunk.tags();
    }

    static String excerpt(String content) {
        String text = content.strip();
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + " ...";
    }

    int indexedVectors() {
        return search.indexedVectors();
    }
}
