package gomikrobot.gateway.openai;

import gomikrobot.bus.Reply;
import gomikrobot.json.Json;
import java.util.Map;

/**
 * An answer of the OpenAI-compatible API that is an error, in OpenAI's envelope
 * {@code {"error": {"message", "type", "param", "code"}}} with the status that says why. A failed turn's
 * {@link Reply.Reason} maps here with an exhaustive {@code switch}. Only "shutting down" is worth a client's own
 * retry: the official SDKs retry 409, 429 and 5xx by themselves, which would run the message again, so
 * {@link #shouldRetry} is sent to them as {@code x-should-retry}.
 */
public final class OpenAiError extends RuntimeException {
    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final boolean shouldRetry;

    OpenAiError(int status, String message, String type, String code, String param, boolean shouldRetry) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.shouldRetry = shouldRetry;
    }

    /** A request we cannot serve as it is: 400, naming the parameter at fault. */
    static OpenAiError invalid(String message, String param) {
        return new OpenAiError(400, message, "invalid_request_error", null, param, false);
    }

    /** A turn that ended without an answer: the status, type and code its reason calls for. */
    static OpenAiError of(Reply.Failure failure) {
        String message = failure.describe();
        String code = failure.reason().code();
        return switch (failure.reason()) {
            case MODEL_FAILED, NO_FINAL_ANSWER -> new OpenAiError(502, message, "api_error", code, null, false);
            case QUOTA_EXCEEDED -> new OpenAiError(429, message, "insufficient_quota", code, null, false);
            case ALREADY_RUNNING -> new OpenAiError(409, message, "invalid_request_error", code, null, false);
            case INTERRUPTED -> new OpenAiError(503, message, "server_error", code, null, false);
            case SHUTTING_DOWN -> new OpenAiError(503, message, "server_error", code, null, true);
            case TIMED_OUT -> new OpenAiError(504, message, "timeout_error", code, null, false);
            case INTERNAL -> new OpenAiError(500, message, "server_error", code, null, false);
        };
    }

    /**
     * The envelope for an error the gateway's shared filters raise on a {@code /v1/} path (a missing token, an
     * unknown route, a body too large), so OpenAI clients read those the same way.
     */
    public static Map<String, Object> envelope(int status, String message) {
        return envelope(message, typeOf(status), null, null);
    }

    int status() {
        return status;
    }

    boolean shouldRetry() {
        return shouldRetry;
    }

    Map<String, Object> envelope() {
        return envelope(getMessage(), type, code, param);
    }

    private static Map<String, Object> envelope(String message, String type, String code, String param) {
        return Json.object("error", Json.object("message", message, "type", type, "param", param, "code", code));
    }

    private static String typeOf(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
