package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;

/**
 * The {@code limit} and {@code offset} query parameters of list routes, validated (decision 4): an absent or
 * empty limit is the route's default, anything else must be an integer from 1 to the route's maximum; offset
 * is absent (0) or a non-negative integer. Bad values are 400, never silently replaced.
 */
record Paging(int limit, int offset) {

    static Paging of(HttpExchange exchange, int defaultLimit, int maxLimit) {
        String limitText = Requests.param(exchange, "limit").strip();
        String offsetText = Requests.param(exchange, "offset").strip();
        int limit = limitText.isEmpty() ? defaultLimit : parse(limitText);
        if (limit < 1 || limit > maxLimit) {
            throw HttpError.badRequest("limit must be an integer from 1 to " + maxLimit);
        }
        int offset = offsetText.isEmpty() ? 0 : parse(offsetText);
        if (offset < 0) {
            throw HttpError.badRequest("offset must be a non-negative integer");
        }
        return new Paging(limit, offset);
    }

    /** The number, or -1 (invalid for both parameters) when the text is not a decimal int. */
    private static int parse(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
