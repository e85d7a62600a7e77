package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.TaskStore;
import java.io.IOException;

/**
 * The agent's tasks (contract §3.1): {@code GET /api/v1/tasks}, newest first, filtered by {@code status} and
 * {@code channel} (exact match, as the original: a value no task has, such as the original dashboard's
 * {@code channel=web}, matches nothing and answers {@code []}) and paged by {@code limit} (50, at most 1000) and
 * {@code offset}, where a malformed number is 400; {@code GET /api/v1/tasks/{taskID}} one task, 404
 * {@code task not found}.
 */
final class TasksApi {
    static final String PATH = "/api/v1/tasks";
    static final String ONE_PREFIX = "/api/v1/tasks/";
    private final TaskStore tasks;

    TasksApi(TaskStore tasks) {
        this.tasks = tasks;
    }

    void mount(Router router) {
        router.exact(PATH, this::list, "GET");
        router.prefix(ONE_PREFIX, this::one, "GET");
    }

    private void list(HttpExchange exchange) throws IOException {
        String status = Requests.param(exchange, "status").strip();
        String channel = Requests.param(exchange, "channel").strip();
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
}
