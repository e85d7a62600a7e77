package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.timeline.EventQuery;
import gomikrobot.timeline.EventStore;
import gomikrobot.timeline.TimelineEvent;
import java.io.IOException;

/**
 * {@code GET /api/v1/timeline} (contract §3.1): the timeline, newest first, filtered by {@code sender},
 * {@code trace_id} and our {@code authorized=true|false} (the dashboard's authorized/unauthorized/all switch;
 * {@code all} or absent means no filter), paged by {@code limit} (100, at most 1000) and {@code offset}. Every
 * filter is served from an index by {@link EventStore#list}, so a page stays fast on a million rows.
 */
final class TimelineApi {
    static final String PATH = "/api/v1/timeline";

    private final EventStore events;

    TimelineApi(EventStore events) {
        this.events = events;
    }

    void mount(Router router) {
        router.exact(PATH, this::list, "GET");
    }

    private void list(HttpExchange exchange) throws IOException {
        Paging paging = Paging.of(exchange, EventQuery.DEFAULT_LIMIT, EventQuery.MAX_LIMIT);
        EventQuery query = new EventQuery(paging.limit(), paging.offset(), Requests.param(exchange, "sender"),
                Requests.param(exchange, "trace_id"), authorized(Requests.param(exchange, "authorized").strip()));
        Responses.json(exchange, 200, events.list(query).stream().map(TimelineEvent::toJson).toList());
    }

    private static Boolean authorized(String value) {
        return switch (value) {
            case "", "all" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw HttpError.badRequest("authorized must be true, false or all");
        };
    }
}
