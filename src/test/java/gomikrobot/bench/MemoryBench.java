package gomikrobot.bench;

import gomikrobot.memory.Memory;
import gomikrobot.memory.MemoryChunk;
import gomikrobot.observe.Log;
import gomikrobot.provider.ChatReply;
import gomikrobot.provider.ChatRequest;
import gomikrobot.provider.Embeddings;
import gomikrobot.provider.LlmProvider;
import gomikrobot.provider.ModelsCheck;
import gomikrobot.provider.Usage;
import gomikrobot.timeline.Database;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Semantic memory at scale with 1536-dimension vectors (text-embedding-3-small): chunks remembered per second
 * through {@link Memory#remember} (one transaction each, FTS triggers included), then, for 10 k and 100 k chunks
 * written straight into {@code memory_chunks}, the time to load the vectors, the heap they take, and p50/p99 of a
 * whole top-5 {@link Memory#recall} (query embedding from an in-process fake, int8 vector scan, exact re-rank of
 * the candidates from their stored BLOBs, keyword search, fetch). Heap is also given per 100 k chunks.
 *
 * <p>Before the int8 index (float32 index, commit 9fb3d68, load average ~1-4.6 on 2 cores): vector-only recall
 * over 10 k p50 14.3 ms / p99 33.7 ms, over 100 k p50 118.7 ms / p99 536.9 ms; heap 599 MiB per 100 k chunks.
 */
final class MemoryBench implements Benchmarks.Benchmark {
    private static final int DIMENSION = 1536;
    private static final int INSERTS = 2_000;
    private static final int[] SIZES = {10_000, 100_000};
    /** Enough that p99 is not simply the slowest sample. */
    private static final int QUERIES = 200;
    /** Distinct words in the synthetic texts; word {@code k} is drawn with weight 1/k, roughly like real text. */
    private static final int VOCABULARY = 20_000;
    /** Only function words: no keyword side, so this recall times the vector scan (plus embedding and fetch). */
    private static final String VECTOR_ONLY_QUERY = "what is it";

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void run(Benchmarks.Report report) throws Exception {
        Path dir = Files.createTempDirectory("gmb-bench-memory");
        LlmProvider embedder = new RandomEmbedder(DIMENSION);
        try (Database db = Database.open(dir.resolve("insert.db"), Log.quiet())) {
            Memory memory = new Memory(db, embedder, null, Clock.systemUTC(), Log.quiet());
            long start = System.nanoTime();
            for (int i = 0; i < INSERTS; i++) {
                memory.remember(sentence(new SplittableRandom(i), i), "");
            }
            report.figure("remember rate (1536 dims, one transaction each)", INSERTS / ((System.nanoTime() - start) / 1e9),
                    "chunks/s");
        }
        deleteDatabase(dir.resolve("insert.db"));
        for (int size : SIZES) {
            searchAt(size, dir.resolve("search-" + size + ".db"), embedder, report);
        }
        Files.deleteIfExists(dir);
    }

    private void searchAt(int size, Path file, LlmProvider embedder, Benchmarks.Report report) throws Exception {
        try (Database db = Database.open(file, Log.quiet())) {
            fill(db, size);
            Memory memory = new Memory(db, embedder, null, Clock.systemUTC(), Log.quiet());
            long heapBefore = usedHeap();
            long loadStart = System.nanoTime();
            memory.recall("warm up the index", 5);
            report.figure("load " + size + " vectors", (System.nanoTime() - loadStart) / 1e6, "ms");
            double heapMiB = (usedHeap() - heapBefore) / 1024.0 / 1024.0;
            report.figure("heap for " + size + " vectors", heapMiB, "MiB");
            report.figure("heap per 100000 chunks (from " + size + ")", heapMiB * 100_000 / size, "MiB");
            SplittableRandom random = new SplittableRandom(size);
            for (int i = 0; i < QUERIES / 3; i++) {
                memory.recall(sentence(random, i), 5); // JIT warm-up
            }
            double[] vectorOnly = new double[QUERIES];
            double[] hybrid = new double[QUERIES];
            for (int i = 0; i < QUERIES; i++) {
                vectorOnly[i] = timeRecall(memory, VECTOR_ONLY_QUERY + " " + i);
                hybrid[i] = timeRecall(memory, words(random, 3));
            }
            figures(report, "vector-only recall top-5 over " + size, new Stats(vectorOnly));
            figures(report, "hybrid recall top-5 over " + size + " (3-word query)", new Stats(hybrid));
        } finally {
            deleteDatabase(file);
        }
    }

    private static void deleteDatabase(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + "-wal"));
        Files.deleteIfExists(Path.of(file + "-shm"));
    }

    private static double timeRecall(Memory memory, String query) {
        long start = System.nanoTime();
        memory.recall(query, 5);
        return (System.nanoTime() - start) / 1e6;
    }

    private static void figures(Benchmarks.Report report, String name, Stats stats) {
        report.figure(name + " p50", stats.median(), "ms");
        report.figure(name + " p99", stats.percentile(99), "ms");
    }

    /** Rows written as another program would: one transaction, ids as the contract derives them. */
    private static void fill(Database db, int size) {
        SplittableRandom random = new SplittableRandom(42);
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO memory_chunks (id, content, embedding, source) VALUES (?, ?, ?, 'user')")) {
                for (int i = 0; i < size; i++) {
                    String content = sentence(random, i);
                    ps.setString(1, MemoryChunk.idFor("user", content));
                    ps.setString(2, content);
                    ps.setBytes(3, blob(RandomEmbedder.vector(random, DIMENSION)));
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static String sentence(SplittableRandom random, int n) {
        return "note " + n + " " + words(random, 12);
    }

    private static String words(SplittableRandom random, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            // inverse-CDF of a 1/k (Zipf) distribution over the vocabulary
            int k = (int) Math.floor(Math.exp(random.nextDouble() * Math.log(VOCABULARY)));
            sb.append(i == 0 ? "" : " ").append("w").append(k);
        }
        return sb.toString();
    }

    private static byte[] blob(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** An embedder without a network: random unit-scale vectors, so the figures measure memory, not HTTP. */
    private record RandomEmbedder(int dimension) implements LlmProvider {
        static float[] vector(SplittableRandom random, int dimension) {
            float[] v = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                v[i] = (float) (random.nextDouble() - 0.5);
            }
            return v;
        }

        @Override
        public Embeddings embed(List<String> texts, String model) {
            List<float[]> out = new ArrayList<>(texts.size());
            for (String text : texts) {
                out.add(vector(new SplittableRandom(text.hashCode()), dimension));
            }
            return new Embeddings(out, Usage.NONE);
        }

        @Override
        public ChatReply chat(ChatRequest request) {
            throw new UnsupportedOperationException("the memory benchmark only embeds");
        }

        @Override
        public String transcribe(Path audioFile, String model) {
            throw new UnsupportedOperationException("the memory benchmark only embeds");
        }

        @Override
        public byte[] speak(String text, String voice, String format) {
            throw new UnsupportedOperationException("the memory benchmark only embeds");
        }

        @Override
        public ModelsCheck checkKey() {
            throw new UnsupportedOperationException("the memory benchmark only embeds");
        }
    }
}
