package gomikrobot.gateway;

import gomikrobot.media.MediaTypes;
import gomikrobot.tools.ConfinedPath;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * GET/HEAD {@code /media/{path}}: files from the media folder the WhatsApp channel saves to. The decoded path
 * is confined to the folder after resolving symlinks and opened as checked ({@link Confinement#openFile});
 * anything outside, missing, or a directory is 404 (no listings, and no hint whether an outside file exists).
 * Responses carry {@code Content-Security-Policy: sandbox}, so a received HTML or SVG file opened directly
 * cannot run script on the dashboard's origin.
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
        String relative = exchange.getRequestURI().getPath().substring(PREFIX.length());
        if (relative.isEmpty() || !Files.isDirectory(mediaRoot)) {
            throw HttpError.notFound();
        }
        try (ConfinedPath.Opened file = Confinement.openFile(mediaRoot, relative).orElseThrow(HttpError::notFound);
             InputStream in = file.stream()) {
            exchange.getResponseHeaders().set("Content-Security-Policy", "sandbox");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            String name = relative.substring(relative.lastIndexOf('/') + 1); // the name asked for, even via a link
            Responses.stream(exchange, MediaTypes.ofFileName(name), file.attributes().size(), in);
        }
    }
}
