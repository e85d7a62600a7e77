package gomikrobot.gateway;

import gomikrobot.media.MediaTypes;
import gomikrobot.tools.ConfinedPath;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dashboard's files: from the classpath folder {@code web/} inside the jar, or from a directory given
 * with {@code --web-dir} (never from the working directory). {@code /} redirects to {@code /timeline} and
 * {@code /approvals} to its approvals tab; a page path without an extension ({@code /timeline}) serves
 * {@code <name>.html}; assets are served by path with
 * {@code Cache-Control: no-cache}, so an upgraded jar is picked up without stale scripts. Missing files and
 * directories are 404 JSON. These paths need no bearer token (see {@link #isPublicPath}): they hold no data.
 * Pages carry {@link #PAGE_POLICY}, {@code X-Frame-Options: DENY} and {@code Referrer-Policy: no-referrer}.
 */
final class StaticHandler implements HttpHandler {
    static final Set<String> PAGES = Set.of("/", "/timeline", "/group", "/approvals", "/favicon.ico");
    /** The original's approvals page is a tab of the dashboard here. */
    static final Map<String, String> REDIRECTS = Map.of("/", "/timeline", "/approvals", "/timeline#approvals");
    static final List<String> ASSET_PREFIXES = List.of("/js/", "/css/", "/img/", "/fonts/", "/assets/");
    /**
     * The pages' Content-Security-Policy: scripts, styles and everything else only from the gateway itself, no
     * inline script, style attribute or event handler, no plugins, no framing. Media may also be a blob: URL
     * (fetched with the bearer token) and the favicon is a data: URL.
     */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' blob: data:; media-src 'self' blob:; font-src 'self'; manifest-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Source source;

    private StaticHandler(Source source) {
        this.source = source;
    }

    /** Serves {@code folder/…} resources of the class loader (the jar holds the dashboard under {@code web/}). */
    static StaticHandler fromClasspath(ClassLoader loader, String folder) {
        return new StaticHandler(new ClasspathSource(loader, folder.endsWith("/") ? folder : folder + "/"));
    }

    /** Serves files under {@code dir}, confined to it after resolving symlinks. */
    static StaticHandler fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("web directory is not a directory: " + dir);
        }
        return new StaticHandler(new DirectorySource(dir));
    }

    /** True for the paths this handler serves, which the request guard lets through without a token. */
    static boolean isPublicPath(String path) {
        return PAGES.contains(path) || ASSET_PREFIXES.stream().anyMatch(path::startsWith);
    }

    void mount(Router router) {
        PAGES.forEach(page -> router.exact(page, this, "GET"));
        ASSET_PREFIXES.forEach(prefix -> router.prefix(prefix, this, "GET"));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String moved = REDIRECTS.get(path);
        if (moved != null) {
            Responses.redirect(exchange, moved);
            return;
        }
        String relative = path.substring(1);
        String lastSegment = relative.substring(relative.lastIndexOf('/') + 1);
        if (!lastSegment.contains(".")) {
            relative += ".html";
        }
        byte[] content = source.read(relative).orElseThrow(HttpError::notFound);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        if (relative.endsWith(".html")) {
            exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
            exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        }
        Responses.bytes(exchange, 200, MediaTypes.ofFileName(relative), content);
    }

    /** Where the files come from; a missing file or a directory is empty. */
    private sealed interface Source permits ClasspathSource, DirectorySource {
        Optional<byte[]> read(String relative) throws IOException;
    }

    private record DirectorySource(Path root) implements Source {
        @Override
        public Optional<byte[]> read(String relative) throws IOException {
            Optional<ConfinedPath.Opened> file = Confinement.openFile(root, relative);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream in = file.get().stream()) {
                return Optional.of(in.readAllBytes());
            }
        }
    }

    private record ClasspathSource(ClassLoader loader, String folder) implements Source {
        @Override
        public Optional<byte[]> read(String relative) throws IOException {
            if (!isPlainRelative(relative)) {
                return Optional.empty();
            }
            URL url = loader.getResource(folder + relative);
            if (url == null || isDirectory(url)) {
                return Optional.empty();
            }
            try (InputStream in = url.openStream()) {
                return Optional.of(in.readAllBytes());
            }
        }

        /** Class loaders do not resolve "..", but reject it anyway, with empty segments and backslashes. */
        private static boolean isPlainRelative(String relative) {
            if (relative.isEmpty() || relative.contains("\\") || relative.indexOf('\0') >= 0) {
                return false;
            }
            for (String segment : relative.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    return false;
                }
            }
            return true;
        }

        /** A folder resource would otherwise be "served" as a listing of its entries. */
        private static boolean isDirectory(URL url) throws IOException {
            if (url.getProtocol().equals("file")) {
                try {
                    return !Files.isRegularFile(Path.of(url.toURI()));
                } catch (URISyntaxException e) {
                    return true;
                }
            }
            URLConnection connection = url.openConnection();
            return connection instanceof JarURLConnection jar && jar.getJarEntry().isDirectory();
        }
    }
}
