package gomikrobot.tools.web;

import gomikrobot.config.WebToolsConfig;
import gomikrobot.tools.Tool;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Builds the web tools from their configuration: {@code web_fetch} always, {@code web_search} when configured.
 * Neither sets TLS up before its first call, so a one-shot {@code agent -m} that uses no web tool pays nothing.
 */
public final class WebTools {
    static final String USER_AGENT = "Mozilla/5.0 (compatible; GoMikroBot web_fetch)";

    private WebTools() {
    }

    public static List<Tool> create(WebToolsConfig config) {
        List<Tool> tools = new ArrayList<>();
        tools.add(fetchTool(config, InetAddress::getAllByName, WebTools::defaultTls));
        SearchBackend.of(config.search()).ifPresent(backend -> tools.add(new WebSearchTool(backend,
                config.search().apiKey(), config.search().maxResults(), WebTools::searchClient)));
        return tools;
    }

    static WebFetchTool fetchTool(WebToolsConfig config, AddressGuard.Resolver resolver,
                                  Supplier<SSLSocketFactory> tls) {
        return new WebFetchTool(new WebFetcher(new AddressGuard(config.allowPrivate(), resolver),
                new PinnedHttp(tls, USER_AGENT)));
    }

    private static HttpClient searchClient() {
        return HttpClient.newBuilder().connectTimeout(SearchBackend.TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no TLS", e);
        }
    }
}
