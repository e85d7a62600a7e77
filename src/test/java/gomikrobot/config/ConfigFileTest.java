package gomikrobot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path userHome;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    // ---- ensureFile ----

    @Test
    void ensureFileWritesDefaultsPrivately() throws IOException {
        Path file = new ConfigLoader(Map.of(), userHome).ensureFile();
        assertEquals(userHome.resolve(".gomikrobot/config.json"), file);
        assertEquals("rw-------", mode(file));
        assertEquals("rwx------", mode(file.getParent()));
        Map<?, ?> doc = (Map<?, ?>) Json.parse(Files.readString(file));
        assertEquals(List.of("paths", "model", "channels", "providers", "gateway", "tools", "policy", "group", "log",
                "scheduler"),
                List.copyOf(doc.keySet()));
        assertEquals(60_000_000_000L, ConfigFile.get(ConfigFile.readDocument(file), "tools.exec.timeout"));
    }

    @Test
    void defaultFileLoadsToTheSameConfigAsNoFile(@TempDir Path other) {
        Config withoutFile = new ConfigLoader(Map.of("GOMIKROBOT_HOME", other.toString()), userHome).load();
        ConfigLoader loader = new ConfigLoader(Map.of(), userHome);
        loader.ensureFile();
        Config withFile = loader.load();
        assertEquals(withoutFile.paths().workRepoPath(), withFile.paths().workRepoPath());
        assertEquals(withFile.home().resolve("workspace"), withFile.paths().workspace());
        assertNull(withFile.paths().systemRepoPath());
        assertEquals(withoutFile.model(), withFile.model());
        assertEquals(withoutFile.providers(), withFile.providers());
        assertEquals(withoutFile.gateway(), withFile.gateway());
        assertEquals(withoutFile.tools(), withFile.tools());
        assertEquals(withoutFile.channels(), withFile.channels());
        assertEquals(withoutFile.policy(), withFile.policy());
        assertEquals(withoutFile.log(), withFile.log());
    }

    @Test
    void ensureFileLeavesAnExistingFileAlone() throws IOException {
        Path file = userHome.resolve(".gomikrobot/config.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"gateway\": {\"port\": 20000}}");
        new ConfigLoader(Map.of(), userHome).ensureFile();
        assertEquals("{\"gateway\": {\"port\": 20000}}", Files.readString(file));
    }

    @Test
    void ensureFileNeverWritesEnvValues() throws IOException {
        Path file = new ConfigLoader(Map.of("MIKROBOT_OPENAI_API_KEY", "sk-from-env-secret", "MIKROBOT_PORT", "20001"),
                userHome).ensureFile();
        String text = Files.readString(file);
        assertFalse(text.contains("sk-from-env-secret"), text);
        assertFalse(text.contains("20001"), text);
    }

    // ---- update ----

    @Test
    void updateKeepsUnknownKeysAndSections() throws IOException {
        Path file = userHome.resolve("config.json");
        Files.writeString(file, """
                {"group": {"enabled": true, "kafkaBrokers": "b:9092"},
                 "channels": {"whatsapp": {"enabled": false, "bridgeUrl": "ws://x"}, "telegram": {"token": "t"}},
                 "big": 123456789012345678901234567890}
                """);
        ConfigFile.update(file, doc -> {
            ConfigFile.set(doc, "channels.whatsapp.enabled", true);
            ConfigFile.set(doc, "providers.openai.apiKey", "sk-new");
        });
        Map<String, Object> doc = ConfigFile.readDocument(file);
        assertEquals(List.of("group", "channels", "big", "providers"), List.copyOf(doc.keySet()));
        assertEquals(Map.of("enabled", true, "kafkaBrokers", "b:9092"), doc.get("group"));
        assertEquals(true, ConfigFile.get(doc, "channels.whatsapp.enabled"));
        assertEquals("ws://x", ConfigFile.get(doc, "channels.whatsapp.bridgeUrl"));
        assertEquals("t", ConfigFile.get(doc, "channels.telegram.token"));
        assertEquals("sk-new", ConfigFile.get(doc, "providers.openai.apiKey"));
        assertTrue(Files.readString(file).contains("123456789012345678901234567890"));
        assertEquals("rw-------", mode(file));
    }

    @Test
    void updateTightensModeOfAnExistingOpenFile() throws IOException {
        Path file = userHome.resolve("config.json");
        Files.writeString(file, "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ConfigFile.update(file, doc -> ConfigFile.set(doc, "gateway.authToken", "secret"));
        assertEquals("rw-------", mode(file));
    }

    @Test
    void updateCreatesMissingFileAndDirectory() throws IOException {
        Path file = userHome.resolve("new-home/config.json");
        ConfigFile.update(file, doc -> ConfigFile.set(doc, "log.level", "debug"));
        assertEquals(Map.of("log", Map.of("level", "debug")), Json.parse(Files.readString(file)));
        assertEquals("rwx------", mode(file.getParent()));
        assertEquals("rw-------", mode(file));
    }

    @Test
    void updateLeavesNoTempFilesBehind() throws IOException {
        Path file = userHome.resolve("config.json");
        ConfigFile.update(file, doc -> doc.put("a", 1));
        ConfigFile.update(file, doc -> doc.put("b", 2));
        try (var files = Files.list(userHome)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void updateRefusesToOverwriteAMalformedFile() throws IOException {
        Path file = userHome.resolve("config.json");
        Files.writeString(file, "{\"a\": 1,}");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFile.update(file, doc -> doc.put("b", 2)));
        assertTrue(e.getMessage().startsWith("config error: " + file + " line 1, column 9: "), e.getMessage());
        assertEquals("{\"a\": 1,}", Files.readString(file));
    }

    @Test
    void updatedFileIsReadByTheLoader() {
        ConfigLoader loader = new ConfigLoader(Map.of(), userHome);
        ConfigFile.update(loader.ensureFile(), doc -> {
            ConfigFile.set(doc, "gateway.port", 20005);
            ConfigFile.set(doc, "tools.exec.timeout", "45s");
        });
        Config c = loader.load();
        assertEquals(20005, c.gateway().port());
        assertEquals(java.time.Duration.ofSeconds(45), c.tools().exec().timeout());
    }

    // ---- set / get ----

    @Test
    void setCreatesNestedObjectsAndCopiesImmutableOnes() {
        Map<String, Object> root = new java.util.LinkedHashMap<>();
        root.put("gateway", Map.of("port", 1L));
        ConfigFile.set(root, "gateway.host", "0.0.0.0");
        ConfigFile.set(root, "a.b.c", List.of("x"));
        assertEquals(Map.of("port", 1L, "host", "0.0.0.0"), root.get("gateway"));
        assertEquals(List.of("x"), ConfigFile.get(root, "a.b.c"));
        assertNull(ConfigFile.get(root, "a.missing.c"));
    }

    @Test
    void setRefusesToReplaceANonObject() {
        Map<String, Object> root = new java.util.LinkedHashMap<>(Map.of("channels", 5L));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.set(root, "channels.whatsapp.enabled", true));
        assertEquals("config error: cannot set channels.whatsapp.enabled: channels is not an object", e.getMessage());
        assertEquals(5L, root.get("channels"));
    }

    @Test
    void readOfMissingFileIsEmpty() {
        assertTrue(ConfigFile.read(userHome.resolve("nope.json")).asMap().isEmpty());
    }

    @Test
    void invalidUtf8IsNamed() throws IOException {
        Path file = userHome.resolve("config.json");
        Files.write(file, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        assertEquals("config error: " + file + ": not valid UTF-8",
                assertThrows(ConfigException.class, () -> ConfigFile.read(file)).getMessage());
    }
}
