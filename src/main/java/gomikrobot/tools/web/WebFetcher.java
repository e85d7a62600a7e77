package gomikrobot.tools.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Fetches a URL for {@code web_fetch}: http and https only, the host checked by the {@link AddressGuard} and
 * connected to at the checked address, redirects followed here (at most {@value #MAX_REDIRECTS}, each one
 * checked again like the first URL), the whole fetch within {@link #TIME_LIMIT} and the body read up to
 * {@value #BODY_CAP} bytes (then the connection is dropped). Stateless; safe to share.
 */
final class WebFetcher {
    static final int MAX_REDIRECTS = 5;
    static final int BODY_CAP = 2 * 1024 * 1024;
    static final Duration TIME_LIMIT = Duration.ofSeconds(20);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final AddressGuard guard;
    private final PinnedHttp http;

    WebFetcher(AddressGuard guard, PinnedHttp http) {
        this.guard = guard;
        this.http = http;
    }

    /** What came back: the last URL, its status and headers' content type, the body (cut when over the cap). */
    record Fetched(URI url, int status, String contentType, long declaredLength, byte[] body, boolean cut) {
    }

    /** Why a fetch did not happen or did not finish, in words for the model. */
    static final class FetchFailed extends Exception {
        private final boolean refused;

        FetchFailed(String message, boolean refused) {
            super(message);
            this.refused = refused;
        }

        /** True when a rule refused the URL (an address the agent must not reach), not a network failure. */
        boolean refused() {
            return refused;
        }
    }

    Fetched fetch(String url) throws FetchFailed {
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        URI uri = parse(url);
        for (int hop = 0; ; hop++) {
            List<InetAddress> addresses = checked(uri);
            try (PinnedHttp.Response response = http.get(uri, addresses, deadline)) {
                String location = response.header("location");
                if (!REDIRECTS.contains(response.status()) || location.isEmpty()) {
                    byte[] body = response.body().readNBytes(BODY_CAP + 1);
                    boolean cut = body.length > BODY_CAP;
                    return new Fetched(uri, response.status(), response.header("content-type"),
                            length(response.header("content-length")),
                            cut ? java.util.Arrays.copyOf(body, BODY_CAP) : body, cut);
                }
                if (hop == MAX_REDIRECTS) {
                    throw new FetchFailed("more than " + MAX_REDIRECTS + " redirects, the last from " + uri, false);
                }
                uri = redirectTarget(uri, location);
            } catch (IOException e) {
                boolean late = PinnedHttp.millisLeft(deadline) <= 0;
                throw new FetchFailed(late ? "no complete answer from " + uri.getHost() + " within "
                        + TIME_LIMIT.toSeconds() + " s" : "fetching " + uri + " failed: " + describe(e), false);
            }
        }
    }

    private List<InetAddress> checked(URI uri) throws FetchFailed {
        try {
            return guard.addressesOf(uri.getHost());
        } catch (AddressGuard.Refused e) {
            throw new FetchFailed("refused " + uri + ": " + e.getMessage(), true);
        } catch (UnknownHostException e) {
            throw new FetchFailed("the host " + uri.getHost() + " is not known (DNS)", false);
        }
    }

    /** An absolute http(s) URL with a host and without credentials. */
    static URI parse(String url) throws FetchFailed {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new FetchFailed("not a valid URL: " + e.getMessage(), false);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchFailed("only http and https URLs are fetched, not " + (scheme.isEmpty() ? "\"" + url + "\""
                    : scheme + ":"), true);
        }
        if (uri.getHost() == null) {
            throw new FetchFailed("the URL has no host: " + url, false);
        }
        if (uri.getRawUserInfo() != null) {
            throw new FetchFailed("URLs with a user name or password are not fetched", true);
        }
        return uri;
    }

    private static URI redirectTarget(URI from, String location) throws FetchFailed {
        try {
            return parse(from.resolve(location.strip().replace(" ", "%20")).toString());
        } catch (IllegalArgumentException e) {
            throw new FetchFailed("the redirect from " + from + " points to an invalid URL: " + location, false);
        }
    }

    private static long length(String header) {
        try {
            return header.isBlank() ? -1 : Long.parseLong(header.split(",")[0].strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
