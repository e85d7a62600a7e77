package gomikrobot.config;

import java.util.List;
import java.util.Locale;

/**
 * {@code web_search}'s backend: which one ({@code tools.web.search.provider}: brave, tavily or searxng; empty =
 * no {@code web_search} tool), its key (Brave and Tavily need one), its base URL (a SearXNG instance needs one;
 * for the others it replaces the public endpoint) and how many results a search returns at most.
 */
public record WebSearchConfig(Provider provider, String apiKey, String baseUrl, int maxResults) {
    static final List<String> PROVIDERS = List.of("brave", "tavily", "searxng");
    public static final WebSearchConfig NONE = new WebSearchConfig(Provider.NONE, "", "", 5);

    /** The search services we speak to. */
    public enum Provider { NONE, BRAVE, TAVILY, SEARXNG }

    /** @throws IllegalArgumentException naming the key that a configured provider still needs */
    public WebSearchConfig {
        apiKey = apiKey == null ? "" : apiKey.strip();
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        boolean needsKey = provider == Provider.BRAVE || provider == Provider.TAVILY;
        if (needsKey && apiKey.isEmpty()) {
            throw new IllegalArgumentException("tools.web.search.apiKey must be set for provider "
                    + provider.name().toLowerCase(Locale.ROOT));
        }
        if (provider == Provider.SEARXNG && baseUrl.isEmpty()) {
            throw new IllegalArgumentException("tools.web.search.baseUrl must name the SearXNG instance");
        }
    }

    /** {@code ""} is {@link Provider#NONE}. */
    static Provider parse(String text) {
        return text.isBlank() ? Provider.NONE : Provider.valueOf(text.strip().toUpperCase(Locale.ROOT));
    }

    public boolean enabled() {
        return provider != Provider.NONE;
    }
}
