package gomikrobot.config;

import java.util.List;

/**
 * The web tools: the hosts {@code web_fetch} may reach although they are on a private network
 * ({@code tools.web.allowPrivate}: host names or IP literals as written in the URL, or CIDR blocks such as
 * {@code 192.168.1.0/24}) and the search backend of {@code web_search}.
 */
public record WebToolsConfig(List<String> allowPrivate, WebSearchConfig search) {
    public WebToolsConfig {
        allowPrivate = List.copyOf(allowPrivate);
    }

    /** Nothing private reachable, no search backend. */
    public static WebToolsConfig none() {
        return new WebToolsConfig(List.of(), WebSearchConfig.NONE);
    }
}
