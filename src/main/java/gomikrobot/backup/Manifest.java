package gomikrobot.backup;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code MANIFEST.json}: what a backup holds and how to check it. {@code sections} are the parts that existed
 * when the backup was taken (a restore replaces exactly those); {@code files} lists every file with its size,
 * SHA-256 and POSIX mode; {@code skipped} lists what was deliberately left out (symbolic links, files deleted
 * during the backup). Reading one validates everything, so a hostile manifest cannot name a path outside the
 * four sections ("workspace/../../etc/passwd" is refused).
 */
public record Manifest(int version, Instant createdAt, String appVersion, String sourceHome, String sourceWorkspace,
                       Set<Section> sections, List<Entry> files, List<Skipped> skipped) {
    public static final String FILE_NAME = "MANIFEST.json";
    public static final String FORMAT = "gomikrobot-backup";
    public static final int VERSION = 1;

    public Manifest {
        if (version != VERSION) {
            throw new BackupException(FILE_NAME + ": unsupported version " + version + " (this program reads " + VERSION + ")");
        }
        sections = Collections.unmodifiableSet(sections.isEmpty() ? EnumSet.noneOf(Section.class) : EnumSet.copyOf(sections));
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
        Set<String> seen = new HashSet<>();
        for (Entry e : files) {
            if (!seen.add(e.path())) {
                throw new BackupException(FILE_NAME + ": " + e.path() + " is listed twice");
            }
            if (!sections.contains(e.section())) {
                throw new BackupException(FILE_NAME + ": " + e.path() + " belongs to a section the backup does not hold");
            }
        }
        if (sections.contains(Section.DATABASE) && !seen.contains(Section.DATABASE.fileName())) {
            throw new BackupException(FILE_NAME + ": the database file is not listed");
        }
    }

    /** One file of the backup; {@code mode} is like "rw-------", or null where the file system has none. */
    public record Entry(String path, long size, String sha256, String mode) {
        private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

        public Entry {
            requireSafePath(path);
            if (size < 0) {
                throw new BackupException(FILE_NAME + ": " + path + ": negative size");
            }
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new BackupException(FILE_NAME + ": " + path + ": sha256 must be 64 lower-case hex digits");
            }
            if (mode != null) {
                try {
                    PosixFilePermissions.fromString(mode);
                } catch (IllegalArgumentException e) {
                    throw new BackupException(FILE_NAME + ": " + path + ": invalid mode " + mode);
                }
            }
        }

        Section section() {
            return Section.of(path).orElseThrow();
        }
    }

    /** Something the backup left out on purpose, and why. */
    public record Skipped(String path, String reason) {
    }

    public long totalBytes() {
        return files.stream().mapToLong(Entry::size).sum();
    }

    public List<Entry> filesOf(Section section) {
        return files.stream().filter(e -> e.section() == section).toList();
    }

    public Map<String, Object> toJson() {
        List<Object> fileList = new ArrayList<>();
        for (Entry e : files) {
            Map<String, Object> f = Json.object("path", e.path(), "size", e.size(), "sha256", e.sha256());
            if (e.mode() != null) {
                f.put("mode", e.mode());
            }
            fileList.add(f);
        }
        List<Object> skippedList = new ArrayList<>();
        skipped.forEach(s -> skippedList.add(Json.object("path", s.path(), "reason", s.reason())));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("home", sourceHome);
        source.put("workspace", sourceWorkspace);
        return Json.object("format", FORMAT, "version", (long) version, "created_at", createdAt.toString(),
                "app_version", appVersion, "source", source,
                "sections", sections.stream().map(Section::key).toList(),
                "files", fileList, "skipped", skippedList);
    }

    /** Reads and validates {@code dir/MANIFEST.json}; a missing or malformed one is a {@link BackupException}. */
    public static Manifest read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new BackupException(file + ": not a regular file");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new BackupException("not a backup: " + file + " is missing");
        } catch (IOException e) {
            throw new BackupException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static Manifest parse(String text) {
        try {
            JsonObject doc = Json.parseObject(text);
            if (!FORMAT.equals(doc.string("format", ""))) {
                throw new BackupException(FILE_NAME + ": not a GoMikroBot backup manifest");
            }
            Set<Section> sections = EnumSet.noneOf(Section.class);
            for (String key : doc.strings("sections")) {
                sections.add(Section.byKey(key).orElseThrow(() -> new BackupException(FILE_NAME + ": unknown section " + key)));
            }
            List<Entry> files = new ArrayList<>();
            for (Object item : doc.array("files")) {
                JsonObject f = asObject(item, "files");
                files.add(new Entry(f.string("path", ""), f.integer("size", -1), f.string("sha256", ""),
                        f.string("mode").orElse(null)));
            }
            List<Skipped> skipped = new ArrayList<>();
            for (Object item : doc.array("skipped")) {
                JsonObject s = asObject(item, "skipped");
                skipped.add(new Skipped(s.string("path", ""), s.string("reason", "")));
            }
            JsonObject source = doc.object("source");
            return new Manifest((int) doc.integer("version", 0), Instant.parse(doc.string("created_at", "")),
                    doc.string("app_version", ""), source.string("home", ""), source.string("workspace", ""),
                    sections, files, skipped);
        } catch (JsonException e) {
            throw new BackupException(FILE_NAME + ": malformed: " + e.getMessage(), e);
        } catch (DateTimeParseException e) {
            throw new BackupException(FILE_NAME + ": created_at is not an RFC 3339 time", e);
        }
    }

    private static JsonObject asObject(Object item, String field) {
        if (item instanceof Map<?, ?> map) {
            return JsonObject.of(map);
        }
        throw new BackupException(FILE_NAME + ": every item of '" + field + "' must be an object");
    }

    /** Relative, '/'-separated, no empty, "." or ".." segment, and inside one of the sections. */
    private static void requireSafePath(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0) {
            throw new BackupException(FILE_NAME + ": invalid file path \"" + path + "\"");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new BackupException(FILE_NAME + ": invalid file path \"" + path + "\"");
            }
        }
        if (Section.of(path).isEmpty()) {
            throw new BackupException(FILE_NAME + ": " + path + " is outside the backup's sections");
        }
    }
}
