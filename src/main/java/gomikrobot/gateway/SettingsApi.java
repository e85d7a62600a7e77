package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.timeline.SettingsStore;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runtime settings (contract §3.1, §8): {@code GET /api/v1/settings} answers {@code {"silent_mode": bool}},
 * or with {@code ?key=} that key's value ("" when unset); {@code POST} stores {@code {"key","value"}} (both
 * strings, the key non-blank — decision 5; a value the key's rule refuses is 400 with the rule's reason, e.g.
 * a {@code work_repo_path} outside the allowed folders) and then tells {@code onChange} which key changed, so e.g. the
 * WhatsApp channel reloads its allow/deny lists. {@code GET /api/v1/usage/today} reports today's token use
 * against {@code daily_token_limit} (0 = unlimited).
 */
final class SettingsApi {
    static final String PATH = "/api/v1/settings";
    static final String USAGE_PATH = "/api/v1/usage/today";
    static final int MAX_KEY_LENGTH = 200;

    private final SettingsStore settings;
    private final LongSupplier usedToday;
    private final ValueRule rule;
    private final Consumer<String> onChange;

    /** Why a value may not be stored under a key, or empty when it may. */
    @FunctionalInterface
    interface ValueRule {
        Optional<String> problem(String key, String value);
    }

    /**
     * @param usedToday tokens used since UTC midnight (tasks and embeddings)
     * @param onChange  called with the key after every successful POST, on the request's thread
     */
    SettingsApi(SettingsStore settings, LongSupplier usedToday, ValueRule rule, Consumer<String> onChange) {
        this.settings = settings;
        this.usedToday = usedToday;
        this.rule = rule;
        this.onChange = onChange;
    }

    void mount(Router router) {
        router.exact(PATH, this::handle, "GET", "POST");
        router.exact(USAGE_PATH, this::usage, "GET");
    }

    private void handle(HttpExchange exchange) throws IOException {
        Responses.json(exchange, 200, exchange.getRequestMethod().equals("POST") ? store(exchange) : read(exchange));
    }

    private Map<String, Object> read(HttpExchange exchange) {
        String key = Requests.param(exchange, "key");
        if (key.isEmpty()) {
            return Json.object("silent_mode", settings.isSilentMode());
        }
        return Json.object("key", key, "value", settings.get(key).orElse(""));
    }

    private Map<String, Object> store(HttpExchange exchange) throws IOException {
        JsonObject body = Requests.body(exchange);
        String key = Requests.string(body, "key");
        String value = Requests.string(body, "value");
        if (key.isBlank()) {
            throw HttpError.badRequest("key required");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw HttpError.badRequest("key longer than " + MAX_KEY_LENGTH + " characters");
        }
        rule.problem(key, value).ifPresent(problem -> {
            throw HttpError.badRequest(key + ": " + problem);
        });
        settings.put(key, value);
        onChange.accept(key);
        return Json.object("status", "ok");
    }

    private void usage(HttpExchange exchange) throws IOException {
        Responses.json(exchange, 200, Json.object("used", usedToday.getAsLong(), "limit", settings.dailyTokenLimit()));
    }
}
