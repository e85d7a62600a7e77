package gomikrobot.gateway.openai;

import com.sun.net.httpserver.HttpHandler;
import gomikrobot.bus.Inbox;
import gomikrobot.config.OpenAiApiConfig;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.timeline.TaskStore;
import java.time.Clock;
import java.time.Duration;

/**
 * The OpenAI-compatible API on the API port, for the clients people already use (Open WebUI, editor plugins, the
 * official SDKs, {@code curl}): {@link #MODELS} lists the agent as model {@link #MODEL_ID}, and
 * {@link #COMPLETIONS} answers through it. The gateway mounts the handlers; its filters apply to them as to
 * every route (the bearer token when {@code gateway.authToken} is set, which the SDKs send as their API key).
 */
public final class OpenAiApi {
    public static final String MODEL_ID = "gomikrobot";
    public static final String MODELS = "/v1/models";
    public static final String COMPLETIONS = "/v1/chat/completions";
    /** Quiet this long while tools run, a stream gets a comment line, so nothing between gives up on it. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

    private final ModelsHandler models;
    private final CompletionsHandler completions;

    /** @param timeout how long a request waits for its answer (the turn goes on after that) */
    public OpenAiApi(Inbox inbox, TaskStore tasks, OpenAiApiConfig config, Ids ids, Clock clock, Duration timeout,
                     Duration keepAlive, Log log) {
        this.models = new ModelsHandler(clock.instant().getEpochSecond());
        this.completions = new CompletionsHandler(inbox, tasks, config, ids, clock, timeout, keepAlive, log);
    }

    /** {@code GET} {@link #MODELS} and {@code GET} {@link #MODELS}{@code /{id}}. */
    public HttpHandler models() {
        return models;
    }

    /** {@code POST} {@link #COMPLETIONS}. */
    public HttpHandler completions() {
        return completions;
    }
}
