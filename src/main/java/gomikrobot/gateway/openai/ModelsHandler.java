package gomikrobot.gateway.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import gomikrobot.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: the agent is the one model this API offers, under
 * {@link OpenAiApi#MODEL_ID}; which LLM it uses underneath is the gateway's configuration, not the client's
 * choice. An unknown id is 404 {@code model_not_found}, as OpenAI answers it.
 */
final class ModelsHandler implements HttpHandler {
    private final long created;

    /** @param created when the model came to be, in epoch seconds: the gateway's start */
    ModelsHandler(long created) {
        this.created = created;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals(OpenAiApi.MODELS)) {
            Wire.json(exchange, 200, Json.object("object", "list", "data", List.<Object>of(model())));
            return;
        }
        String id = path.substring(OpenAiApi.MODELS.length() + 1);
        if (!id.equals(OpenAiApi.MODEL_ID)) {
            Wire.error(exchange, new OpenAiError(404, "The model '" + id + "' does not exist: this gateway serves '"
                    + OpenAiApi.MODEL_ID + "'", "invalid_request_error", "model_not_found", "model", false));
            return;
        }
        Wire.json(exchange, 200, model());
    }

    private Map<String, Object> model() {
        return Json.object("id", OpenAiApi.MODEL_ID, "object", "model", "created", created, "owned_by", "gomikrobot");
    }
}
