package gomikrobot.media;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one table of media types: a file name's type (for HTTP answers and uploads) and a type's file extension
 * (for media saved from a channel). Both directions read the same rows, so a type we save under one extension is
 * served back as the same type.
 */
public final class MediaTypes {
    public static final String OCTET_STREAM = "application/octet-stream";

    /** Extension -> type; the first extension listed for a type is the one files of that type are saved with. */
    private static final Map<String, String> BY_EXTENSION = new LinkedHashMap<>();
    private static final Map<String, String> EXTENSION_OF = new LinkedHashMap<>();

    static {
        row("text/html; charset=utf-8", "html", "htm");
        row("text/css; charset=utf-8", "css");
        row("text/javascript; charset=utf-8", "js", "mjs");
        row("application/json", "json", "map");
        row("text/plain; charset=utf-8", "txt");
        row("text/markdown; charset=utf-8", "md");
        row("text/csv; charset=utf-8", "csv");
        row("image/svg+xml", "svg");
        row("image/png", "png");
        row("image/jpeg", "jpg", "jpeg");
        row("image/gif", "gif");
        row("image/webp", "webp");
        row("image/x-icon", "ico");
        row("audio/ogg", "ogg", "oga", "opus");
        row("audio/mpeg", "mp3", "mpga", "mpeg");
        row("audio/mp4", "m4a");
        row("audio/aac", "aac");
        row("audio/amr", "amr");
        row("audio/wav", "wav");
        row("audio/flac", "flac");
        row("audio/webm", "weba");
        row("video/mp4", "mp4");
        row("video/webm", "webm");
        row("application/pdf", "pdf");
        row("application/zip", "zip");
        row("font/woff", "woff");
        row("font/woff2", "woff2");
    }

    private MediaTypes() {
    }

    /** The type of a file by its extension (case ignored); {@link #OCTET_STREAM} when unknown. */
    public static String ofFileName(String fileName) {
        String ext = extensionOf(fileName);
        return ext.isEmpty() ? OCTET_STREAM : BY_EXTENSION.getOrDefault(ext, OCTET_STREAM);
    }

    /**
     * The extension to save a file of this type with ({@code audio/ogg; codecs=opus} -> {@code ogg}), or empty
     * when the type is unknown. Parameters and case are ignored.
     */
    public static String extensionFor(String mediaType) {
        if (mediaType == null) {
            return "";
        }
        return EXTENSION_OF.getOrDefault(essence(mediaType), "");
    }

    /** The type without its parameters, lower case: {@code Audio/OGG; codecs=opus} -> {@code audio/ogg}. */
    public static String essence(String mediaType) {
        return mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /** A file name's extension, lower case, when it is a plausible one (1-8 letters or digits); else empty. */
    public static String extensionOf(String fileName) {
        if (fileName == null) {
            return "";
        }
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || fileName.indexOf('/', dot) >= 0) {
            return "";
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ext.matches("[a-z0-9]{1,8}") ? ext : "";
    }

    private static void row(String type, String... extensions) {
        for (String ext : extensions) {
            BY_EXTENSION.put(ext, type);
        }
        EXTENSION_OF.putIfAbsent(essence(type), extensions[0]);
    }
}
