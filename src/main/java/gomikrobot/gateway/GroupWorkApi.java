package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.group.GroupException;
import gomikrobot.group.GroupNode;
import gomikrobot.group.Target;
import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import gomikrobot.memory.Memory;
import gomikrobot.timeline.GroupTables;
import gomikrobot.timeline.GroupTask;
import gomikrobot.timeline.GroupTaskStore;
import gomikrobot.timeline.GroupTraceStore;
import gomikrobot.timeline.RemoteSpan;
import gomikrobot.timeline.SharedItem;
import gomikrobot.timeline.SharedItemStore;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The group's work (contract §6): {@code POST /api/v1/group/tasks/submit} (to a member named by {@code to}, one
 * with the tool {@code tool}, or any other online member; the answer is recorded when it comes),
 * {@code GET /api/v1/group/tasks}, {@code /traces}, and {@code GET/POST /api/v1/group/memory}. Every other route
 * of the original's group and orchestrator (skills, onboarding, rejoin, stats, audit, manifest, topic analytics,
 * the orchestrator) is answered 501 with what is not built.
 */
final class GroupWorkApi {
    private static final String ORCHESTRATOR = "/api/v1/orchestrator/";

    private final Optional<GroupNode> node;
    private final GroupTables tables;

    GroupWorkApi(Optional<GroupNode> node, GroupTables tables) {
        this.node = node;
        this.tables = tables;
    }

    void mount(Router router) {
        router.exact(GroupApi.PREFIX + "tasks/submit", this::submit, "POST");
        router.exact(GroupApi.PREFIX + "tasks", this::tasks, "GET");
        router.exact(GroupApi.PREFIX + "traces", this::traces, "GET");
        router.exact(GroupApi.PREFIX + "memory", this::memory, "GET", "POST");
        router.prefix(GroupApi.PREFIX, this::notBuilt, "GET", "POST");
        router.prefix(ORCHESTRATOR, this::notBuilt, "GET", "POST");
    }

    private void submit(HttpExchange exchange) throws IOException {
        JsonObject body = Requests.body(exchange);
        String description = Requests.string(body, "description").strip();
        String content = Requests.string(body, "content");
        GroupNode n = inGroup();
        if (description.isEmpty()) {
            throw HttpError.badRequest("description required");
        }
        if (description.length() + content.length() > GroupTask.MAX_CHARS) {
            throw HttpError.badRequest("description and content must be at most " + GroupTask.MAX_CHARS
                    + " characters");
        }
        try {
            GroupTask task = n.submit(Target.of(Requests.string(body, "to"),
                    Requests.string(body, "tool")), description, content, "");
            Responses.json(exchange, 200, Json.object("responder_id", task.responderId(), "status", "submitted",
                    "task_id", task.taskId()));
        } catch (GroupException e) {
            throw failure(e);
        }
    }

    private void tasks(HttpExchange exchange) throws IOException {
        Paging paging = Paging.of(exchange, GroupTaskStore.DEFAULT_LIST_LIMIT, GroupTaskStore.MAX_LIST_LIMIT);
        Responses.json(exchange, 200, tables.tasks().list(Requests.param(exchange, "direction").strip(),
                Requests.param(exchange, "status").strip(), paging.limit(), paging.offset()).stream()
                .map(GroupTask::toJson).toList());
    }

    private void traces(HttpExchange exchange) throws IOException {
        Paging paging = Paging.of(exchange, GroupTraceStore.DEFAULT_LIST_LIMIT, GroupTraceStore.MAX_LIST_LIMIT);
        Responses.json(exchange, 200, tables.traces().list(Requests.param(exchange, "agent_id").strip(),
                paging.limit(), paging.offset()).stream().map(RemoteSpan::toJson).toList());
    }

    private void memory(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("POST")) {
            share(exchange);
            return;
        }
        Paging paging = Paging.of(exchange, SharedItemStore.DEFAULT_LIST_LIMIT, SharedItemStore.MAX_LIST_LIMIT);
        Responses.json(exchange, 200, tables.memory().list(Requests.param(exchange, "author_id").strip(),
                paging.limit(), paging.offset()).stream().map(SharedItem::toJson).toList());
    }

    private void share(HttpExchange exchange) throws IOException {
        JsonObject body = Requests.body(exchange);
        String content = Requests.string(body, "content").strip();
        String contentType = Requests.string(body, "content_type").strip();
        List<String> tags;
        try {
            tags = body.strings("tags");
        } catch (JsonException e) {
            throw HttpError.badRequest(Requests.INVALID_BODY);
        }
        GroupNode n = inGroup();
        if (content.isEmpty() || content.length() > Memory.MAX_CONTENT_CHARS) {
            throw HttpError.badRequest("content required, at most " + Memory.MAX_CONTENT_CHARS + " characters");
        }
        try {
            SharedItem item = n.share(Requests.string(body, "title").strip(),
                    contentType.isEmpty() ? "text/plain" : contentType, content, tags);
            Responses.json(exchange, 200, Json.object("item_id", item.itemId(), "status", "shared"));
        } catch (GroupException e) {
            throw failure(e);
        }
    }

    private void notBuilt(HttpExchange exchange) throws IOException {
        throw new HttpError(501, exchange.getRequestURI().getPath() + " is not built in GoMikroBot for Java: the"
                + " group offers status, members, join, leave, config, tasks, traces and memory; the orchestrator,"
                + " skills, the LFS proxy and topic analytics are not part of it");
    }

    private GroupNode inGroup() {
        return node.filter(n -> n.status().active()).orElseThrow(() -> HttpError.badRequest("not in a group"));
    }

    /** The answer to a group action that failed, by its kind; {@link GroupApi}'s join and leave answer alike. */
    static HttpError failure(GroupException e) {
        return switch (e.kind()) {
            case NOT_IN_GROUP -> HttpError.badRequest(e.getMessage());
            case NO_MEMBER -> new HttpError(409, e.getMessage());
            case UNREACHABLE -> new HttpError(503, e.getMessage());
        };
    }
}
