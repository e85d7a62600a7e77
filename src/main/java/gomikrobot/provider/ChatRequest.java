package gomikrobot.provider;

import java.util.List;
import java.util.Map;

/**
 * One chat completion call. {@code tools} are OpenAI function-tool definitions
 * ({@code {"type":"function","function":{"name":…,"description":…,"parameters":{…}}}}), possibly empty;
 * {@code maxTokens} of 0 or less leaves the answer size to the server.
 */
public record ChatRequest(String model, List<ChatMessage> messages, List<Map<String, Object>> tools, int maxTokens,
                          double temperature) {
    public ChatRequest {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("chat request needs a model name");
        }
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("chat request needs at least one message");
        }
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (Double.isNaN(temperature) || temperature < 0 || temperature > 2) {
            throw new IllegalArgumentException("temperature must be between 0 and 2, got " + temperature);
        }
    }
}
