package gomikrobot.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;

/**
 * Unit vectors of one dimension, held quantized to int8 ({@link Int8Codes}: one contiguous {@code int[]} of packed
 * codes, vector {@code i} at {@code i * words}, plus one {@code float} scale each), so a search scans a quarter of
 * the memory float32 would. A search first takes the best {@code max(50, 10 k)} by the quantized score, then
 * re-ranks those by their exact float32 cosine, read from the stored embeddings, and returns the exact top {@code k}
 * with exact scores. Large indexes are scanned in parallel slices. Invariant: slots {@code 0..size-1} are filled
 * and {@code slots} maps each id to its slot. Safe for concurrent searches and writes (a read-write lock).
 */
final class VectorIndex {
    /** Below this many packed words one thread is faster than splitting the work. */
    private static final long PARALLEL_MIN_WORDS = 1L << 20;
    private static final int INITIAL_CAPACITY = 64;
    /** Candidates re-ranked exactly: at least this many, and this many per wanted result. */
    static final int MIN_RERANKED = 50;
    static final int RERANKED_PER_RESULT = 10;
    private static final Comparator<Scored> BY_SCORE = Comparator.comparingDouble(Scored::score);
    private static final Comparator<Candidate> BY_ROUGH_SCORE = Comparator.comparingDouble(Candidate::score);

    /** An id with its cosine similarity to the query. */
    record Scored(String id, float score) {
    }

    /** Where the re-rank reads exact vectors: the stored embeddings of those ids that still exist. */
    @FunctionalInterface
    interface ExactVectors {
        Map<String, float[]> byIds(Collection<String> ids);
    }

    /** A slot with its quantized score, while scanning. */
    private record Candidate(int slot, float score) {
    }

    private final int dimension;
    private final int words;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> slots = new HashMap<>();
    private int[] codes;
    private float[] scales;
    private String[] ids;
    private int size;

    VectorIndex(int dimension) {
        this(dimension, INITIAL_CAPACITY);
    }

    /** {@code expected}: how many vectors are about to be added, so loading does not grow the arrays repeatedly. */
    VectorIndex(int dimension, int expected) {
        if (dimension <= 0 || dimension > Int8Codes.MAX_DIMENSION) {
            throw new IllegalArgumentException("vector dimension must be 1.." + Int8Codes.MAX_DIMENSION + ": "
                    + dimension);
        }
        int capacity = Math.max(INITIAL_CAPACITY, expected);
        this.dimension = dimension;
        this.words = Int8Codes.words(dimension);
        this.codes = new int[Math.multiplyExact(capacity, words)];
        this.scales = new float[capacity];
        this.ids = new String[capacity];
    }

    int dimension() {
        return dimension;
    }

    int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds or replaces the vector of {@code id}; false (and nothing stored) for another dimension or a zero vector. */
    boolean put(String id, float[] vector) {
        float[] unit = vector.length == dimension ? Vectors.normalized(vector) : null;
        if (unit == null) {
            return false;
        }
        int[] packed = new int[words];
        float scale = Int8Codes.encode(unit, packed, 0);
        lock.writeLock().lock();
        try {
            Integer slot = slots.get(id);
            if (slot == null) {
                ensureCapacity(size + 1);
                slot = size++;
                slots.put(id, slot);
                ids[slot] = id;
            }
            System.arraycopy(packed, 0, codes, slot * words, words);
            scales[slot] = scale;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes {@code id} if present by moving the last vector into its slot, keeping the arrays dense. */
    void remove(String id) {
        lock.writeLock().lock();
        try {
            Integer slot = slots.remove(id);
            if (slot == null) {
                return;
            }
            int last = --size;
            if (slot != last) {
                System.arraycopy(codes, last * words, codes, slot * words, words);
                scales[slot] = scales[last];
                ids[slot] = ids[last];
                slots.put(ids[slot], slot);
            }
            ids[last] = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The {@code k} vectors most similar to {@code query}, best first, with exact cosines computed from
     * {@code exact} (read outside the lock); empty for a query of another dimension. A candidate whose stored
     * vector is gone or now has another dimension is left out.
     */
    List<Scored> topK(float[] query, int k, ExactVectors exact) {
        float[] unit = query.length == dimension ? Vectors.normalized(query) : null;
        if (unit == null || k <= 0) {
            return List.of();
        }
        List<Scored> rough = nearest(unit, Math.max(MIN_RERANKED, RERANKED_PER_RESULT * k));
        return rerank(unit, rough, k, exact);
    }

    /** The {@code n} best by quantized score alone, best first: the candidates {@link #topK} re-ranks. */
    List<Scored> roughTopK(float[] query, int n) {
        float[] unit = query.length == dimension ? Vectors.normalized(query) : null;
        return unit == null || n <= 0 ? List.of() : nearest(unit, n);
    }

    // ----- private helpers -----

    private List<Scored> nearest(float[] unit, int n) {
        Int8Codes.Query query = Int8Codes.query(unit);
        lock.readLock().lock();
        try {
            int count = size;
            int slices = (long) count * words >= PARALLEL_MIN_WORDS ? Runtime.getRuntime().availableProcessors() : 1;
            List<PriorityQueue<Candidate>> partial = IntStream.range(0, slices).parallel()
                    .mapToObj(s -> scan(query, n, (int) ((long) count * s / slices),
                            (int) ((long) count * (s + 1) / slices)))
                    .toList();
            PriorityQueue<Candidate> best = new PriorityQueue<>(n + 1, BY_ROUGH_SCORE);
            partial.forEach(heap -> heap.forEach(candidate -> offer(best, candidate, n)));
            return best.stream().sorted(BY_ROUGH_SCORE.reversed())
                    .map(c -> new Scored(ids[c.slot()], c.score())).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    private PriorityQueue<Candidate> scan(Int8Codes.Query query, int n, int from, int to) {
        PriorityQueue<Candidate> heap = new PriorityQueue<>(n + 1, BY_ROUGH_SCORE);
        float floor = Float.NEGATIVE_INFINITY;
        for (int slot = from; slot < to; slot++) {
            float score = Int8Codes.dot(codes, slot * words, query) * scales[slot] * query.scale();
            if (heap.size() < n || score > floor) {
                offer(heap, new Candidate(slot, score), n);
                floor = heap.size() == n ? heap.peek().score() : Float.NEGATIVE_INFINITY;
            }
        }
        return heap;
    }

    private static <T> void offer(PriorityQueue<T> heap, T item, int n) {
        heap.add(item);
        if (heap.size() > n) {
            heap.poll();
        }
    }

    private List<Scored> rerank(float[] unitQuery, List<Scored> rough, int k, ExactVectors exact) {
        Map<String, float[]> stored = exact.byIds(rough.stream().map(Scored::id).toList());
        List<Scored> scored = new ArrayList<>(rough.size());
        for (Scored candidate : rough) {
            float[] vector = stored.get(candidate.id());
            float[] unit = vector != null && vector.length == dimension ? Vectors.normalized(vector) : null;
            if (unit != null) {
                scored.add(new Scored(candidate.id(), Vectors.dot(unitQuery, unit)));
            }
        }
        scored.sort(BY_SCORE.reversed());
        return List.copyOf(scored.subList(0, Math.min(k, scored.size())));
    }

    private void ensureCapacity(int needed) {
        if (needed <= ids.length) {
            return;
        }
        int capacity = Math.max(needed, ids.length + (ids.length >> 1));
        if ((long) capacity * words > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("vector index full: " + size + " vectors of dimension " + dimension);
        }
        codes = Arrays.copyOf(codes, capacity * words);
        scales = Arrays.copyOf(scales, capacity);
        ids = Arrays.copyOf(ids, capacity);
    }
}
