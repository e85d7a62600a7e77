package gomikrobot.gateway;

import static gomikrobot.gateway.ApiAssertions.fails;
import static gomikrobot.gateway.ApiAssertions.okList;
import static gomikrobot.gateway.ApiAssertions.okObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import gomikrobot.json.JsonObject;
import gomikrobot.timeline.CreateResult;
import gomikrobot.timeline.NewTask;
import gomikrobot.timeline.Task;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TasksApiTest {
    @TempDir
    Path tmp;
    private StoreFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new StoreFixture(tmp, (timeline, router) -> new TasksApi(timeline.tasks()).mount(router));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Task task(String key, String channel) {
        return ((CreateResult.Created) f.timeline.tasks().create(new NewTask(key, "trace-" + key, channel, "chat",
                "sender", NewTask.EXTERNAL, "in " + key))).task();
    }

    private List<String> keys(String query) throws Exception {
        return okList(f.server.get("/api/v1/tasks" + query)).stream().map(t -> t.string("idempotency_key", "")).toList();
    }

    @Test
    void listsNewestFirstWithFiltersAndPaging() throws Exception {
        assertEquals("[]\n", f.server.get("/api/v1/tasks").body());
        Task a = task("a", "webui");
        task("b", "whatsapp");
        task("c", "webui");
        f.timeline.tasks().complete(a.taskId(), "done");
        assertEquals(List.of("c", "b", "a"), keys(""));
        assertEquals(List.of("c", "a"), keys("?channel=webui"));
        assertEquals(List.of("a"), keys("?status=completed"));
        assertEquals(List.of("c"), keys("?status=pending&channel=webui"));
        assertEquals(List.of("b"), keys("?limit=1&offset=1"));
    }

    @Test
    void unknownFilterValuesMatchNothingAsTheOriginalDashboardExpects() throws Exception {
        task("a", "webui");
        assertEquals("[]\n", f.server.get("/api/v1/tasks?channel=web").body());
        assertEquals(200, f.server.get("/api/v1/tasks?channel=web").statusCode());
        assertEquals("[]\n", f.server.get("/api/v1/tasks?status=done&channel=webui").body());
    }

    @Test
    void rejectsMalformedPaging() throws Exception {
        fails(f.server.get("/api/v1/tasks?limit=0"), 400, "limit must be an integer from 1 to 1000");
        fails(f.server.get("/api/v1/tasks?limit=abc"), 400, "limit must be an integer from 1 to 1000");
        fails(f.server.get("/api/v1/tasks?offset=-5"), 400, "offset must be a non-negative integer");
    }

    @Test
    void showsOneTaskOr404() throws Exception {
        Task a = task("a", "webui");
        f.timeline.tasks().complete(a.taskId(), "done");
        JsonObject one = okObject(f.server.get("/api/v1/tasks/" + a.taskId()));
        assertEquals(List.of("id", "task_id", "idempotency_key", "trace_id", "channel", "chat_id", "sender_id",
                "message_type", "status", "content_in", "content_out", "delivery_status", "prompt_tokens",
                "completion_tokens", "total_tokens", "delivery_attempts", "created_at", "updated_at", "completed_at"),
                List.copyOf(one.asMap().keySet()));
        assertEquals("done", one.string("content_out", ""));
        assertFalse(one.has("error_text"), "omitempty");
        fails(f.server.get("/api/v1/tasks/nope"), 404, "task not found");
        fails(f.server.get("/api/v1/tasks/%20"), 400, "task_id required");
        ApiAssertions.status(f.server.post("/api/v1/tasks/" + a.taskId(), "{}"), 405);
    }
}
