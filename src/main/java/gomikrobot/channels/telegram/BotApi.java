package gomikrobot.channels.telegram;

import gomikrobot.channels.telegram.WireFormat.TgFile;
import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Bot API (core.telegram.org/bots/api) over the JDK's HTTP client: every method is a POST of a JSON object to
 * {@code <apiBase>/bot<token>/<method>}, answered {@code {"ok":true,"result":…}} or
 * {@code {"ok":false,"error_code","description","parameters":{"retry_after","migrate_to_chat_id"}}}, which
 * becomes a {@link BotApiException}. The token is part of every address, so no address leaves this class: a
 * failure names the method, and any text from elsewhere (an I/O error) is scrubbed of the token first.
 */
final class BotApi {
    /** How long {@code getUpdates} holds the request open when nothing arrives. */
    static final int POLL_SECONDS = 30;
    static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;
    private static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,200}");
    private static final Pattern FILE_PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    private static final String REDACTED = "[REDACTED]";

    private final HttpClient http;
    private final String apiBase;
    private final String token;

    /** @throws IllegalArgumentException when the token is not shaped like a bot token (it is not repeated) */
    BotApi(HttpClient http, String apiBase, String token) {
        if (!isTokenShaped(token)) {
            throw new IllegalArgumentException("the bot token is not shaped like one from @BotFather"
                    + " (digits, a colon, then letters, digits, '-' or '_')");
        }
        this.http = http;
        this.apiBase = apiBase.replaceAll("/+$", "");
        this.token = token;
    }

    static HttpClient httpClient() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** True for {@code 123456789:AA…}: checked before the token goes into an address. */
    static boolean isTokenShaped(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    BotUser getMe() throws BotApiException, InterruptedException {
        return WireFormat.user(asObject("getMe", call("getMe", Map.of(), CALL_TIMEOUT)));
    }

    /** Waits up to {@code waitSeconds} for updates from {@code offset} on (0: from the first unconfirmed one). */
    List<Update> getUpdates(long offset, int waitSeconds) throws BotApiException, InterruptedException {
        Map<String, Object> params = Json.object("timeout", waitSeconds, "allowed_updates", ALLOWED_UPDATES);
        if (offset > 0) {
            params.put("offset", offset);
        }
        Object result = call("getUpdates", params, CALL_TIMEOUT.plusSeconds(waitSeconds));
        if (!(result instanceof List<?> list)) {
            throw BotApiException.notAnswered("getUpdates", "the result is not a list of updates");
        }
        try {
            return WireFormat.updates(new ArrayList<>(list));
        } catch (JsonException e) {
            throw BotApiException.notAnswered("getUpdates", "an unreadable update: " + e.getMessage());
        }
    }

    TgFile getFile(String fileId) throws BotApiException, InterruptedException {
        return WireFormat.file(asObject("getFile", call("getFile", Map.of("file_id", fileId), CALL_TIMEOUT)));
    }

    /**
     * Where a file {@code getFile} described is downloaded: {@code <apiBase>/file/bot<token>/<file_path>}. The
     * path comes from the server, so it must be a plain relative path.
     */
    URI fileUrl(TgFile file) throws BotApiException {
        String path = file.path();
        if (!FILE_PATH.matcher(path).matches() || List.of(path.split("/")).contains("..")) {
            throw BotApiException.notAnswered("getFile", path.isEmpty() ? "no file path was given"
                    : "the file path is not a plain relative path (a Bot API server in --local mode is not supported)");
        }
        return URI.create(apiBase + "/file/bot" + token + "/" + path);
    }

    /** Sends plain text (no parse mode, so no Markdown can fail to parse); returns the new message's id. */
    long sendMessage(long chatId, String text) throws BotApiException, InterruptedException {
        JsonObject sent = asObject("sendMessage", call("sendMessage", Json.object("chat_id", chatId, "text", text,
                "link_preview_options", Json.object("is_disabled", true)), CALL_TIMEOUT));
        return sent.integer("message_id", 0);
    }

    void sendChatAction(long chatId, String action) throws BotApiException, InterruptedException {
        call("sendChatAction", Json.object("chat_id", chatId, "action", action), CALL_TIMEOUT);
    }

    /** {@code text} with the token replaced, for anything that might repeat an address. */
    String scrub(String text) {
        return text == null ? "" : text.replace(token, REDACTED);
    }

    private Object call(String method, Map<String, Object> params, Duration timeout)
            throws BotApiException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiBase + "/bot" + token + "/" + method))
                .timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(params), StandardCharsets.UTF_8)).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw BotApiException.notAnswered(method, "no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw BotApiException.notAnswered(method, "the Bot API server could not be reached: " + scrub(why));
        }
        return result(method, response.statusCode(), readAnswer(method, response));
    }

    private static JsonObject readAnswer(String method, HttpResponse<InputStream> response) throws BotApiException {
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw BotApiException.notAnswered(method, "the answer is larger than " + MAX_ANSWER_BYTES + " bytes");
            }
            return Json.parseObject(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw BotApiException.notAnswered(method, "the answer broke off (HTTP " + response.statusCode() + ")");
        } catch (JsonException e) {
            throw BotApiException.notAnswered(method, "HTTP " + response.statusCode() + " with an answer that is not"
                    + " the Bot API's JSON");
        }
    }

    private static Object result(String method, int status, JsonObject answer) throws BotApiException {
        try {
            if (answer.bool("ok", false)) {
                return answer.raw("result");
            }
            JsonObject parameters = answer.object("parameters");
            int code = (int) answer.integer("error_code", status);
            throw new BotApiException(method, code, answer.string("description", "HTTP " + status),
                    Duration.ofSeconds(Math.max(0, parameters.integer("retry_after", 0))),
                    parameters.integer("migrate_to_chat_id", 0));
        } catch (JsonException e) {
            throw BotApiException.notAnswered(method, "an unreadable answer: " + e.getMessage());
        }
    }

    private static JsonObject asObject(String method, Object result) throws BotApiException {
        if (result instanceof Map<?, ?> map) {
            return JsonObject.of(map);
        }
        throw BotApiException.notAnswered(method, "the result is not an object");
    }
}
