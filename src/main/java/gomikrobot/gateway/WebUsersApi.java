package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.timeline.WebUser;
import gomikrobot.timeline.WebUserStore;
import java.io.IOException;
import java.util.Map;

/**
 * Web UI identities and their WhatsApp links (contract §3.1, §3.3): {@code GET/POST /api/v1/webusers},
 * {@code POST /api/v1/webusers/force}, {@code GET/POST /api/v1/weblinks}. Body types are strict:
 * {@code web_user_id} must be a JSON integer and {@code force_send} a boolean. A blank
 * {@code whatsapp_jid} removes the link.
 */
final class WebUsersApi {
    static final String USERS_PATH = "/api/v1/webusers";
    static final String FORCE_PATH = "/api/v1/webusers/force";
    static final String LINKS_PATH = "/api/v1/weblinks";
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_JID_LENGTH = 128;

    private final WebUserStore users;

    WebUsersApi(WebUserStore users) {
        this.users = users;
    }

    void mount(Router router) {
        router.exact(USERS_PATH, this::users, "GET", "POST");
        router.exact(FORCE_PATH, this::force, "POST");
        router.exact(LINKS_PATH, this::links, "GET", "POST");
    }

    private void users(HttpExchange exchange) throws IOException {
        if (!isPost(exchange)) {
            Responses.json(exchange, 200, users.list().stream().map(WebUser::toJson).toList());
            return;
        }
        String name = Requests.string(Requests.body(exchange), "name").strip();
        if (name.isEmpty()) {
            throw HttpError.badRequest("name is required");
        }
        if (name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw HttpError.badRequest("name must be at most " + MAX_NAME_LENGTH + " characters, without control characters");
        }
        Responses.json(exchange, 200, users.createOrGet(name).toJson());
    }

    private void force(HttpExchange exchange) throws IOException {
        JsonObject body = Requests.body(exchange);
        long id = requiredUserId(body);
        boolean forceSend = Requests.bool(body, "force_send");
        users.setForceSend(id, forceSend); // an unknown id changes nothing, and is still "ok" (as the original)
        Responses.json(exchange, 200, Map.of("status", "ok"));
    }

    private void links(HttpExchange exchange) throws IOException {
        if (!isPost(exchange)) {
            String given = Requests.param(exchange, "web_user_id");
            long id;
            try {
                id = Long.parseLong(given.strip());
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("invalid web_user_id");
            }
            Responses.json(exchange, 200, Json.object("web_user_id", given, "whatsapp_jid", users.linkOf(id).orElse("")));
            return;
        }
        JsonObject body = Requests.body(exchange);
        long id = requiredUserId(body);
        String jid = Requests.string(body, "whatsapp_jid").strip();
        if (jid.isEmpty()) {
            users.unlink(id);
        } else if (jid.length() > MAX_JID_LENGTH || jid.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw HttpError.badRequest("invalid whatsapp_jid");
        } else {
            users.link(id, jid);
        }
        Responses.json(exchange, 200, Map.of("status", "ok"));
    }

    /**
     * {@code web_user_id} of a body, which must be a JSON integer (not "1", not 1.5); 0 when missing or null,
     * as Go's decoder leaves it. Shared with {@link WebChatApi}.
     */
    static long userId(JsonObject body) {
        return switch (body.raw("web_user_id")) {
            case null -> 0;
            case Long id -> id;
            default -> throw HttpError.badRequest(Requests.INVALID_BODY);
        };
    }

    private static long requiredUserId(JsonObject body) {
        long id = userId(body);
        if (id <= 0) {
            throw HttpError.badRequest("web_user_id required");
        }
        return id;
    }

    private static boolean isPost(HttpExchange exchange) {
        return exchange.getRequestMethod().equals("POST");
    }
}
