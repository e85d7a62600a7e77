package gomikrobot.gateway.openai;

import gomikrobot.json.Json;
import gomikrobot.timeline.Task;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAI shapes of one answered request: a whole {@code chat.completion}, or the {@code chat.completion.chunk}s
 * of a stream, all under one id ({@code chatcmpl-<trace id>}) and creation time. The usage is the task's tokens:
 * every model call of the turn, tool rounds included.
 */
record Completion(String id, long created, String model) {

    static Completion of(String traceId, long created, String model) {
        return new Completion("chatcmpl-" + traceId, created, model);
    }

    Map<String, Object> whole(String text, Map<String, Object> usage) {
        Map<String, Object> message = Json.object("role", "assistant", "content", text, "refusal", null);
        Map<String, Object> choice = Json.object("index", 0, "message", message, "logprobs", null,
                "finish_reason", "stop");
        return Json.object("id", id, "object", "chat.completion", "created", created, "model", model,
                "choices", List.<Object>of(choice), "usage", usage, "system_fingerprint", null);
    }

    Map<String, Object> chunk(List<Object> choices, Map<String, Object> usage) {
        return Json.object("id", id, "object", "chat.completion.chunk", "created", created, "model", model,
                "system_fingerprint", null, "choices", choices, "usage", usage);
    }

    /** The task's tokens in OpenAI's usage shape; zeros when the task cannot be found. */
    static Map<String, Object> usage(Optional<Task> task) {
        long prompt = task.map(Task::promptTokens).orElse(0L);
        long completion = task.map(Task::completionTokens).orElse(0L);
        long total = task.map(Task::totalTokens).orElse(0L);
        return Json.object("prompt_tokens", prompt, "completion_tokens", completion, "total_tokens", total);
    }
}
