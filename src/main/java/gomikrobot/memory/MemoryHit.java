package gomikrobot.memory;

/** A search result: the chunk and its final score in 0..1 (see {@link MemorySearch} for the formula). */
public record MemoryHit(MemoryChunk chunk, double score) {
}
