package gomikrobot.group;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.memory.Memory;
import gomikrobot.observe.Ids;
import gomikrobot.timeline.SharedItem;
import gomikrobot.timeline.SharedItemStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Knowledge shared with the group. An item is stored ({@code group_memory_items}), indexed into this member's
 * memory as source {@code group:<author>} so recall and every prompt can find it, and published; every member
 * that receives it does the same. An item id is indexed once, so receiving it again changes nothing, and only
 * its author may share it.
 */
final class SharedMemory {
    static final String SOURCE_PREFIX = "group:";

    private final String self;
    private final SharedItemStore items;
    private final Supplier<Memory> memory;
    private final Ids ids;
    private final Clock clock;

    SharedMemory(String self, SharedItemStore items, Supplier<Memory> memory, Ids ids, Clock clock) {
        this.self = self;
        this.items = items;
        this.memory = memory;
        this.ids = ids;
        this.clock = clock;
    }

    /** Shares an item of this member's; returns it as stored. */
    SharedItem share(Publisher publisher, String title, String contentType, String content, List<String> tags)
            throws GroupTransport.PublishException {
        SharedItem item = SharedItem.of("mem-" + ids.hex16(), self, title, contentType, tags, content,
                clock.instant());
        publisher.publish(Kind.MEMORY, item.itemId(), item.itemId(), Json.object("item_id", item.itemId(),
                "author_id", self, "title", title, "content_type", contentType, "tags", tags, "content", content,
                "created_at", item.createdAt().toString()));
        keep(item, tags);
        return item;
    }

    /** A memory record: stored and indexed once; an item claiming another author than its sender is refused. */
    Optional<DropReason> received(Envelope e) {
        JsonObject p = e.payload();
        if (!p.string("author_id", "").equals(e.senderId())) {
            return Optional.of(DropReason.NOT_PERMITTED);
        }
        String content = p.string("content", "");
        if (content.isBlank() || content.length() > Memory.MAX_CONTENT_CHARS) {
            return Optional.of(DropReason.MALFORMED);
        }
        List<String> tags = p.strings("tags");
        keep(SharedItem.of(p.string("item_id", ""), e.senderId(), p.string("title", ""),
                p.string("content_type", "text/plain"), tags, content, e.timestamp()), tags);
        return Optional.empty();
    }

    /** Stores and indexes an item once; {@code tags} are its tags as a list, which the item holds only as JSON. */
    private void keep(SharedItem item, List<String> tags) {
        if (items.add(item)) {
            String text = item.title().isBlank() ? item.content() : item.title() + ": " + item.content();
            String joined = String.join(", ", tags);
            memory.get().remember(text, joined.length() <= Memory.MAX_TAGS_CHARS ? joined : "", SOURCE_PREFIX
                    + item.authorId());
        }
    }
}
