package gomikrobot.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.Json;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestTest {
    private static final String SHA = "a".repeat(64);

    private static Manifest manifest(Manifest.Entry... files) {
        return new Manifest(Manifest.VERSION, Instant.parse("2026-03-01T08:09:10Z"), "1.0", "/h", "/h/workspace",
                EnumSet.allOf(Section.class), List.of(files), List.of(new Manifest.Skipped("workspace/l", TreeScan.SYMLINK)));
    }

    private static String withFile(String path) {
        Map<String, Object> doc = manifest(new Manifest.Entry("timeline.db", 1, SHA, null)).toJson();
        @SuppressWarnings("unchecked")
        List<Object> files = new java.util.ArrayList<>((List<Object>) doc.get("files"));
        files.add(Json.object("path", path, "size", 1L, "sha256", SHA));
        doc.put("files", files);
        return Json.write(doc);
    }

    @Test
    void roundTripsThroughJson() {
        Manifest m = manifest(new Manifest.Entry("timeline.db", 10, SHA, "rw-------"),
                new Manifest.Entry("workspace/a b/ü.md", 0, "b".repeat(64), null));
        assertEquals(m, Manifest.parse(Json.writePretty(m.toJson())));
        assertEquals(10, m.totalBytes());
    }

    @Test
    void refusesPathsThatLeaveTheBackup() {
        for (String path : List.of("workspace/../../etc/passwd", "/etc/passwd", "workspace//x", "workspace/./x",
                "etc/passwd", "whatsapp", "timeline.db/x", "workspace/a\u0000b")) {
            BackupException e = assertThrows(BackupException.class, () -> Manifest.parse(withFile(path)), path);
            assertTrue(e.getMessage().startsWith(Manifest.FILE_NAME), e.getMessage());
        }
    }

    @Test
    void refusesDuplicatesBadChecksumsAndUnknownVersions() {
        assertThrows(BackupException.class, () -> Manifest.parse(withFile("timeline.db")));
        assertThrows(BackupException.class, () -> new Manifest.Entry("workspace/x", 1, "XYZ", null));
        assertThrows(BackupException.class, () -> new Manifest.Entry("workspace/x", -1, SHA, null));
        assertThrows(BackupException.class, () -> new Manifest.Entry("workspace/x", 1, SHA, "rwxrwxrwz"));
        String future = Json.write(Json.object("format", Manifest.FORMAT, "version", 2L, "created_at", "2026-03-01T08:09:10Z"));
        BackupException e = assertThrows(BackupException.class, () -> Manifest.parse(future));
        assertTrue(e.getMessage().contains("unsupported version 2"), e.getMessage());
    }

    @Test
    void refusesFilesOfASectionItDoesNotHoldAndADatabaseSectionWithoutTheFile() {
        assertThrows(BackupException.class, () -> new Manifest(Manifest.VERSION, Instant.EPOCH, "", "", "",
                Set.of(Section.DATABASE), List.of(new Manifest.Entry("timeline.db", 1, SHA, null),
                new Manifest.Entry("workspace/x", 1, SHA, null)), List.of()));
        assertThrows(BackupException.class, () -> new Manifest(Manifest.VERSION, Instant.EPOCH, "", "", "",
                Set.of(Section.DATABASE), List.of(), List.of()));
    }

    @Test
    void refusesMalformedOrForeignDocuments() {
        assertTrue(assertThrows(BackupException.class, () -> Manifest.parse("{not json"))
                .getMessage().contains("malformed"));
        assertTrue(assertThrows(BackupException.class, () -> Manifest.parse("{\"format\":\"other\"}"))
                .getMessage().contains("not a GoMikroBot backup manifest"));
        assertTrue(assertThrows(BackupException.class, () -> Manifest.parse(Json.write(Json.object(
                "format", Manifest.FORMAT, "version", 1L, "created_at", "yesterday")))).getMessage().contains("created_at"));
    }
}
