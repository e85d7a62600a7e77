package gomikrobot.timeline;

import java.util.List;

/** The {@code group_memory_items} table: an item id is stored once, so a redelivered item adds nothing. */
public final class SharedItemStore {
    public static final int DEFAULT_LIST_LIMIT = 50;
    public static final int MAX_LIST_LIMIT = 1000;

    private final Database db;

    public SharedItemStore(Database db) {
        this.db = db;
    }

    /** Stores an item; false when an item with that id is already stored. */
    public boolean add(SharedItem item) {
        return db.write(c -> Rows.update(c, "INSERT OR IGNORE INTO group_memory_items (item_id, author_id, title,"
                        + " content_type, tags, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                item.itemId(), item.authorId(), item.title(), item.contentType(), item.tags(), item.content(),
                item.createdAt())) == 1;
    }

    /** Newest first; {@code authorId} filters by author when not blank. */
    public List<SharedItem> list(String authorId, int limit, int offset) {
        return db.read(c -> Rows.newestPage(c, "SELECT " + SharedItem.COLUMNS + " FROM group_memory_items",
                "author_id", authorId, SharedItem::fromRow, limit, offset));
    }
}
