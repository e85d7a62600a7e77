package gomikrobot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** What every dashboard API answer must look like: JSON, with the contract's status and error text. */
final class ApiAssertions {
    private ApiAssertions() {
    }

    static JsonObject okObject(HttpResponse<String> response) {
        assertOkJson(response);
        return TestServer.json(response);
    }

    /** A 200 JSON array, as a list of objects. */
    static List<JsonObject> okList(HttpResponse<String> response) {
        assertOkJson(response);
        if (!(Json.parse(response.body()) instanceof List<?> list)) {
            throw new AssertionError("expected a JSON array: " + response.body());
        }
        return list.stream().map(item -> JsonObject.of((Map<?, ?>) item)).toList();
    }

    static void fails(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(error, TestServer.error(response));
    }

    /** The status, with the body in the failure message. */
    static void status(HttpResponse<String> response, int expected) {
        assertEquals(expected, response.statusCode(), response.body());
    }

    private static void assertOkJson(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals('\n', response.body().charAt(response.body().length() - 1), "the original's encoder ends with a newline");
    }
}
