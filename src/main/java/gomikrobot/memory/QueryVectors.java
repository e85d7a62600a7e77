package gomikrobot.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The embedding of a search query: asked of the provider within a time box ({@link Embedder#embedWithin}), then
 * kept for a few minutes, so a turn that searches for the same text twice (the prompt's memory block, then a
 * {@code recall} with the same words; or the same message run again) pays for one embeddings call. Holds the
 * {@value #KEPT} most recent queries. Safe to share.
 */
final class QueryVectors {
    static final int KEPT = 64;
    static final Duration KEPT_FOR = Duration.ofMinutes(5);

    private record Kept(float[] vector, Instant until) {
    }

    private final Embedder embedder;
    private final Duration timeBox;
    private final Clock clock;
    private final Map<String, Kept> recent = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > KEPT;
        }
    };

    QueryVectors(Embedder embedder, Duration timeBox, Clock clock) {
        if (timeBox.isNegative() || timeBox.isZero()) {
            throw new IllegalArgumentException("the query embedding's time box must be positive, got " + timeBox);
        }
        this.embedder = embedder;
        this.timeBox = timeBox;
        this.clock = clock;
    }

    /** The query's vector, or empty when none came in time (the search then uses keywords alone). */
    Optional<float[]> of(String query) {
        Instant now = clock.instant();
        synchronized (recent) {
            Kept kept = recent.get(query);
            if (kept != null && now.isBefore(kept.until())) {
                return Optional.of(kept.vector());
            }
        }
        Optional<float[]> vector = embedder.embedWithin(query, timeBox);
        vector.ifPresent(v -> {
            synchronized (recent) {
                recent.put(query, new Kept(v, now.plus(KEPT_FOR)));
            }
        });
        return vector;
    }
}
