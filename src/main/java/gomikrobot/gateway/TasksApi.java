package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.TaskStore;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agent's tasks (contract §3.1): {@code GET /api/v1/tasks}, newest first, filtered by {@code status} and
 * {@code channel} (each must be a value the gateway writes, so a typo is a 400 rather than an empty list) and
 * paged by {@code limit} (50, at most 1000) and {@code offset}; {@code GET /api/v1/tasks/{taskID}} one task,
 * 404 {@code task not found}.
 */
final class TasksApi {
    static final String PATH = "/api/v1/tasks";
    static final String ONE_PREFIX = "/api/v1/tasks/";
    /** Every channel that creates tasks, ours and the original's (scheduler and group messages). */
    static final Set<String> CHANNELS = Set.of("whatsapp", "webui", "local", "cli", "scheduler", "group");

    private final TaskStore tasks;

    TasksApi(TaskStore tasks) {
        this.tasks = tasks;
    }

    void mount(Router router) {
        router.exact(PATH, this::list, "GET");
        router.prefix(ONE_PREFIX, this::one, "GET");
    }

    private void list(HttpExchange exchange) throws IOException {
        String status = oneOf(exchange, "status", Task.STATUSES);
        String channel = oneOf(exchange, "channel", CHANNELS);
        Paging paging = Paging.of(exchange, TaskStore.DEFAULT_LIST_LIMIT, TaskStore.MAX_LIST_LIMIT);
        Responses.json(exchange, 200, tasks.list(status, channel, paging.limit(), paging.offset()).stream()
                .map(Task::toJson).toList());
    }

    private void one(HttpExchange exchange) throws IOException {
        String taskId = exchange.getRequestURI().getPath().substring(ONE_PREFIX.length()).strip();
        if (taskId.isEmpty()) {
            throw HttpError.badRequest("task_id required");
        }
        Task task = tasks.get(taskId).orElseThrow(() -> new HttpError(404, "task not found"));
        Responses.json(exchange, 200, task.toJson());
    }

    /** The parameter, "" when absent (no filter), else one of {@code allowed}. */
    private static String oneOf(HttpExchange exchange, String name, Set<String> allowed) {
        String value = Requests.param(exchange, name).strip();
        if (!value.isEmpty() && !allowed.contains(value)) {
            throw HttpError.badRequest(name + " must be one of " + String.join(", ", new TreeSet<>(allowed)));
        }
        return value;
    }
}
