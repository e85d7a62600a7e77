package gomikrobot.gateway;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import gomikrobot.gateway.openai.OpenAiError;
import gomikrobot.observe.Log;
import java.io.IOException;

/**
 * The error boundary: an {@link HttpError} becomes {@code {"error": message}} with its status (under {@code /v1/},
 * the OpenAI-compatible API, OpenAI's envelope {@code {"error": {"message", "type", …}}}); anything else is a bug,
 * logged with its stack trace and answered 500 {@code internal error} (the client never sees the trace), except an
 * I/O failure after the response began, which is the client hanging up (one warning line).
 * This filter also closes every exchange, so handlers neither close nor wrap theirs in try-with-resources
 * (which would close it before the error could be written).
 */
final class JsonErrors extends Filter {
    private final Log log;

    JsonErrors(Log log) {
        this.log = log;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        try {
            chain.doFilter(exchange);
        } catch (HttpError e) {
            answer(exchange, e.status(), e.getMessage());
        } catch (IOException e) {
            if (exchange.getResponseCode() != -1) { // the answer was on its way: the client went away
                log.warn("http response not completed", "path", exchange.getRequestURI().getPath(), "error", e);
                return;
            }
            failed(exchange, e);
        } catch (RuntimeException e) {
            failed(exchange, e);
        } finally {
            exchange.close();
        }
    }

    @Override
    public String description() {
        return "maps failures to JSON errors";
    }

    /** An HttpError is every failure a handler expects; anything else is a bug worth its stack trace. */
    private void failed(HttpExchange exchange, Exception e) throws IOException {
        log.unexpected("http handler failed", e, "method", exchange.getRequestMethod(),
                "path", exchange.getRequestURI().getPath());
        answer(exchange, 500, "internal error");
    }

    private void answer(HttpExchange exchange, int status, String message) throws IOException {
        if (exchange.getResponseCode() != -1) {
            return; // headers already went out; closing the exchange is all that is left to do
        }
        if (exchange.getRequestURI().getPath().startsWith("/v1/")) {
            Responses.json(exchange, status, OpenAiError.envelope(status, message)); // what OpenAI clients read
            return;
        }
        Responses.error(exchange, status, message);
    }
}
