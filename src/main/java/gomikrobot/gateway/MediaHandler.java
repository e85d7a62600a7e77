package gomikrobot.gateway;

import gomikrobot.media.MediaTypes;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * GET/HEAD {@code /media/{path}}: files from the media folder the WhatsApp channel saves to. The decoded path
 * is confined to the folder after resolving symlinks; anything outside, missing, or a directory is 404 (no
 * listings, and no hint whether an outside file exists). Responses carry {@code Content-Security-Policy:
 * sandbox}, so a received HTML or SVG file opened directly cannot run script on the dashboard's origin.
 */
final class MediaHandler implements HttpHandler {
    static final String PREFIX = "/media/";

    private final Path mediaRoot;

    MediaHandler(Path mediaRoot) {
        this.mediaRoot = mediaRoot;
    }

    void mount(Router router) {
        router.prefix(PREFIX, this, "GET");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Path file = locate(exchange.getRequestURI().getPath().substring(PREFIX.length()))
                .orElseThrow(HttpError::notFound);
        exchange.getResponseHeaders().set("Content-Security-Policy", "sandbox");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        try (InputStream in = Files.newInputStream(file)) {
            Responses.stream(exchange, MediaTypes.ofFileName(file.getFileName().toString()), Files.size(file), in);
        }
    }

    private Optional<Path> locate(String relative) throws IOException {
        if (relative.isEmpty() || !Files.isDirectory(mediaRoot)) {
            return Optional.empty();
        }
        return Confinement.resolve(mediaRoot, relative).filter(Files::isRegularFile);
    }
}
