package gomikrobot.browser;

import gomikrobot.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Sends W3C WebDriver commands as JSON over HTTP and unwraps the {@code value} of the answer;
 * an answer carrying an {@code error} becomes a {@link WebDriverException}.
 */
final class WebDriverHttp {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final Duration commandTimeout;

    WebDriverHttp(URI base, Duration commandTimeout) {
        this.base = base;
        this.commandTimeout = commandTimeout;
    }

    Object get(String path) {
        return send(builder(path).GET());
    }

    Object post(String path, Object body) {
        return send(builder(path).POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .header("Content-Type", "application/json; charset=utf-8"));
    }

    Object delete(String path) {
        return send(builder(path).DELETE());
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(commandTimeout);
    }

    private Object send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new WebDriverException("chromedriver unreachable at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebDriverException("interrupted while waiting for chromedriver", e);
        }
        Object parsed = parse(response);
        Object value = parsed instanceof Map<?, ?> map ? map.get("value") : null;
        if (value instanceof Map<?, ?> map && map.get("error") instanceof String error) {
            throw new WebDriverException(error, String.valueOf(map.get("message")));
        }
        if (response.statusCode() >= 400) {
            throw new WebDriverException("http " + response.statusCode(), response.body());
        }
        return value;
    }

    private static Object parse(HttpResponse<String> response) {
        try {
            return Json.parse(response.body());
        } catch (RuntimeException e) {
            throw new WebDriverException("http " + response.statusCode(), "answer is not JSON: " + response.body());
        }
    }
}
