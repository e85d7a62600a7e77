package gomikrobot.timeline;

import gomikrobot.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code group_memory_items}: a piece of knowledge a member shared with the group. {@code tags} is a
 * JSON array as text, as the original stores it; {@code content} is the text itself (ours: the original kept it
 * behind its LFS proxy).
 */
public record SharedItem(long id, String itemId, String authorId, String title, String contentType, String tags,
                         String content, Instant createdAt) {
    static final String COLUMNS = "id, item_id, author_id, title, content_type, tags, content, created_at";

    public static SharedItem of(String itemId, String authorId, String title, String contentType, List<String> tags,
                                String content, Instant createdAt) {
        return new SharedItem(0, itemId, authorId, title, contentType, Json.write(tags), content, createdAt);
    }

    /** The JSON object of {@code GET /api/v1/group/memory}: the columns by name. */
    public Map<String, Object> toJson() {
        return Json.object("id", id, "item_id", itemId, "author_id", authorId, "title", title,
                "content_type", contentType, "tags", tags, "content", content,
                "created_at", Times.rfc3339(createdAt));
    }

    static SharedItem fromRow(ResultSet rs) throws SQLException {
        String tags = Rows.text(rs, "tags");
        return new SharedItem(rs.getLong("id"), Rows.text(rs, "item_id"), Rows.text(rs, "author_id"),
                Rows.text(rs, "title"), Rows.text(rs, "content_type"), tags.isBlank() ? "[]" : tags,
                Rows.text(rs, "content"), Rows.time(rs, "created_at"));
    }
}
