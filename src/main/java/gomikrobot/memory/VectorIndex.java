package gomikrobot.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;

/**
 * Unit vectors of one dimension held in one contiguous {@code float[]} (vector {@code i} at {@code i * dimension}),
 * so a search is a single pass of dot products over memory laid out for the CPU, keeping the best {@code k} in a
 * small heap. Large indexes are scanned in parallel slices. Invariant: slots {@code 0..size-1} are filled and
 * {@code slots} maps each id to its slot. Safe for concurrent searches and writes (a read-write lock).
 */
final class VectorIndex {
    /** Below this many floats one thread is faster than splitting the work. */
    private static final long PARALLEL_MIN_FLOATS = 4L << 20;
    private static final int INITIAL_CAPACITY = 64;
    private static final Comparator<Scored> BY_SCORE = Comparator.comparingDouble(Scored::score);

    /** An id with its cosine similarity to the query. */
    record Scored(String id, float score) {
    }

    private final int dimension;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> slots = new HashMap<>();
    private float[] data;
    private String[] ids;
    private int size;

    VectorIndex(int dimension) {
        this(dimension, INITIAL_CAPACITY);
    }

    /** {@code expected}: how many vectors are about to be added, so loading does not grow the array repeatedly. */
    VectorIndex(int dimension, int expected) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("vector dimension must be positive: " + dimension);
        }
        int capacity = Math.max(INITIAL_CAPACITY, expected);
        this.dimension = dimension;
        this.data = new float[Math.multiplyExact(capacity, dimension)];
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
        lock.writeLock().lock();
        try {
            Integer slot = slots.get(id);
            if (slot == null) {
                ensureCapacity(size + 1);
                slot = size++;
                slots.put(id, slot);
                ids[slot] = id;
            }
            System.arraycopy(unit, 0, data, slot * dimension, dimension);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes {@code id} if present by moving the last vector into its slot, keeping the array dense. */
    void remove(String id) {
        lock.writeLock().lock();
        try {
            Integer slot = slots.remove(id);
            if (slot == null) {
                return;
            }
            int last = --size;
            if (slot != last) {
                System.arraycopy(data, last * dimension, data, slot * dimension, dimension);
                ids[slot] = ids[last];
                slots.put(ids[slot], slot);
            }
            ids[last] = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The {@code k} vectors most similar to {@code query}, best first; empty for a query of another dimension. */
    List<Scored> topK(float[] query, int k) {
        float[] unit = query.length == dimension ? Vectors.normalized(query) : null;
        if (unit == null || k <= 0) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            int slices = (long) size * dimension >= PARALLEL_MIN_FLOATS ? Runtime.getRuntime().availableProcessors() : 1;
            int count = size;
            List<PriorityQueue<Scored>> partial = IntStream.range(0, slices).parallel()
                    .mapToObj(s -> scan(unit, k, (int) ((long) count * s / slices), (int) ((long) count * (s + 1) / slices)))
                    .toList();
            PriorityQueue<Scored> best = new PriorityQueue<>(k + 1, BY_SCORE);
            partial.forEach(heap -> heap.forEach(scored -> offer(best, scored, k)));
            List<Scored> result = new ArrayList<>(best);
            result.sort(BY_SCORE.reversed());
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    // ----- private helpers -----

    private PriorityQueue<Scored> scan(float[] query, int k, int from, int to) {
        PriorityQueue<Scored> heap = new PriorityQueue<>(k + 1, BY_SCORE);
        float floor = Float.NEGATIVE_INFINITY;
        for (int slot = from; slot < to; slot++) {
            float score = dot(data, slot * dimension, query);
            if (heap.size() < k || score > floor) {
                offer(heap, new Scored(ids[slot], score), k);
                floor = heap.size() == k ? heap.peek().score() : Float.NEGATIVE_INFINITY;
            }
        }
        return heap;
    }

    private static void offer(PriorityQueue<Scored> heap, Scored scored, int k) {
        heap.add(scored);
        if (heap.size() > k) {
            heap.poll();
        }
    }

    /** Eight independent sums: the JIT cannot reorder float additions, so we give the CPU parallel chains. */
    private static float dot(float[] data, int offset, float[] query) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int n = query.length;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            int o = offset + i;
            s0 += data[o] * query[i];
            s1 += data[o + 1] * query[i + 1];
            s2 += data[o + 2] * query[i + 2];
            s3 += data[o + 3] * query[i + 3];
            s4 += data[o + 4] * query[i + 4];
            s5 += data[o + 5] * query[i + 5];
            s6 += data[o + 6] * query[i + 6];
            s7 += data[o + 7] * query[i + 7];
        }
        for (; i < n; i++) {
            s0 += data[offset + i] * query[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    private void ensureCapacity(int needed) {
        if (needed <= ids.length) {
            return;
        }
        int capacity = Math.max(needed, ids.length + (ids.length >> 1));
        if ((long) capacity * dimension > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("vector index full: " + size + " vectors of dimension " + dimension);
        }
        data = Arrays.copyOf(data, capacity * dimension);
        ids = Arrays.copyOf(ids, capacity);
    }
}
