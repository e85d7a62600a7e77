package gomikrobot.config;

import gomikrobot.files.AtomicFile;
import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reading and rewriting {@code config.json} as a raw JSON document. {@link #update} changes only the keys its
 * caller sets: unknown keys and sections (the original's {@code group}, {@code orchestrator}, …) survive. Writes
 * are atomic (temp file in the same directory, then rename) and private: file 0600, created directories 0700.
 * Environment values never reach the file, because callers edit the document, not a loaded {@link Config}.
 */
public final class ConfigFile {
    private static final String FILE_MODE = "rw-------";
    private static final String DIR_MODE = "rwx------";

    private ConfigFile() {
    }

    /** The document as a read-only object; empty when the file does not exist. */
    public static JsonObject read(Path file) {
        return JsonObject.of(readDocument(file));
    }

    /** The document as a mutable, insertion-ordered map; an empty one when the file does not exist. */
    public static Map<String, Object> readDocument(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": not valid UTF-8");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        Object doc;
        try {
            doc = Json.parse(text);
        } catch (JsonException e) {
            String where = e.line() > 0 ? " line " + e.line() + ", column " + e.column() : "";
            throw new ConfigException(file + where + ": " + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?>)) {
            throw new ConfigException(file + ": must contain a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) doc;
        return map;
    }

    /**
     * Reads the document (or starts from {} when there is none), lets {@code edit} change it, and writes it back
     * pretty-printed, atomically, mode 0600. A malformed file is never overwritten: that throws instead.
     */
    public static void update(Path file, Consumer<Map<String, Object>> edit) {
        Map<String, Object> doc = readDocument(file);
        edit.accept(doc);
        write(file, doc);
    }

    /** Replaces the whole file with {@code doc}, atomically, mode 0600, creating its directory (0700). */
    public static void write(Path file, Map<String, Object> doc) {
        Path dir = file.toAbsolutePath().getParent();
        byte[] bytes = (Json.writePretty(doc) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ensurePrivateDirectory(dir);
            AtomicFile.replace(file, out -> out.write(bytes), mode(dir, FILE_MODE));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Creates a directory (and missing parents) readable only by its owner; an existing one is left as is. */
    public static void ensurePrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, mode(dir, DIR_MODE));
        }
    }

    /**
     * Sets a nested key such as {@code channels.whatsapp.enabled}, creating missing objects on the way. Throws
     * {@link ConfigException} when something on the way exists but is not an object (it is not overwritten).
     */
    public static void set(Map<String, Object> root, String dottedKey, Object value) {
        String[] parts = dottedKey.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.get(parts[i]);
            if (child == null) {
                child = new LinkedHashMap<String, Object>();
            } else if (!(child instanceof Map<?, ?>)) {
                throw new ConfigException("cannot set " + dottedKey + ": " + prefix(parts, i) + " is not an object");
            } else if (!(child instanceof LinkedHashMap<?, ?>)) {
                child = new LinkedHashMap<>((Map<?, ?>) child); // a caller's immutable map: copy so we can write
            }
            node.put(parts[i], child);
            @SuppressWarnings("unchecked")
            Map<String, Object> next = (Map<String, Object>) child;
            node = next;
        }
        node.put(parts[parts.length - 1], value);
    }

    /**
     * The value at a nested key, or null when it or an object on the way is missing. Throws
     * {@link IllegalArgumentException} ("channels.whatsapp must be an object") when something on the way is
     * present but not an object.
     */
    public static Object get(Map<String, ?> root, String dottedKey) {
        String[] parts = dottedKey.split("\\.");
        Object node = root;
        for (int i = 0; i < parts.length; i++) {
            if (!(node instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(prefix(parts, i - 1) + " must be an object");
            }
            node = map.get(parts[i]);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static String prefix(String[] parts, int last) {
        return String.join(".", Arrays.copyOfRange(parts, 0, last + 1));
    }

    private static FileAttribute<?>[] mode(Path near, String perms) {
        boolean posix = near.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))}
                : new FileAttribute<?>[0];
    }
}
