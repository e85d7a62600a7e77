package gomikrobot.memory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One piece of remembered text as stored in {@code memory_chunks}. The id is derived from source and content, so
 * writing the same text from the same source twice addresses the same row.
 */
public record MemoryChunk(String id, String content, String source, String tags) {
    /** Where the remember tool's chunks come from. */
    public static final String USER_SOURCE = "user";

    public MemoryChunk {
        if (content == null || content.isBlank()) {
            throw new IllegalArgumentException("memory chunk content is empty");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("memory chunk source is empty");
        }
        tags = tags == null ? "" : tags;
    }

    /** A new chunk with its derived id. */
    public static MemoryChunk of(String content, String source, String tags) {
        return new MemoryChunk(idFor(source, content), content, source, tags);
    }

    /** The first 16 hex characters of SHA-256 over {@code source + ":" + content} (API-CONTRACT.md 7.3). */
    public static String idFor(String source, String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((source + ":" + content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
