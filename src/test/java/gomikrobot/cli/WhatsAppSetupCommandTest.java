package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.ConfigFile;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.SettingsStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhatsAppSetupCommandTest {
    @TempDir
    Path userHome;

    private Path config() {
        return userHome.resolve(".gomikrobot").resolve("config.json");
    }

    private JsonObject whatsapp() {
        return ConfigFile.read(config()).object("channels").object("whatsapp");
    }

    @Test
    void flagsWriteTheFourKeysKeepUnknownKeysAndThePrivateMode() throws IOException {
        ConfigFile.write(config(), Map.of("orchestrator", Map.of("enabled", true)));

        CliRun r = CliRun.run(userHome, "whatsapp-setup", "--non-interactive", "--enable",
                "--allow-from", "+49 151 12345678, 4917600000000@s.whatsapp.net", "--drop-unauthorized", "yes",
                "--ignore-reactions", "no");

        assertEquals(0, r.exit, r.err);
        JsonObject wa = whatsapp();
        assertTrue(wa.bool("enabled", false));
        assertEquals(List.of("4915112345678", "4917600000000"), wa.strings("allowFrom"));
        assertTrue(wa.bool("dropUnauthorized", false));
        assertFalse(wa.bool("ignoreReactions", true));
        assertTrue(ConfigFile.read(config()).object("orchestrator").bool("enabled", false), "unknown section kept");
        if (config().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config())));
        }
        assertTrue(r.out.contains("allowFrom:          4915112345678, 4917600000000"), r.out);
        assertTrue(r.out.contains("gomikrobot whatsapp-auth"), r.out);
    }

    @Test
    void promptsAskAgainAfterAGarbageNumberAndKeepDefaultsOnEnter() {
        String answers = String.join("\n", "y", "bob, +4915112345678", "+4915112345678", "", "y") + "\n";

        CliRun r = CliRun.run(userHome, Map.of(), answers, "whatsapp-setup");

        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("not a phone number or WhatsApp JID: \"bob\""), r.out);
        JsonObject wa = whatsapp();
        assertTrue(wa.bool("enabled", false));
        assertEquals(List.of("4915112345678"), wa.strings("allowFrom"));
        assertFalse(wa.bool("dropUnauthorized", true), "Enter keeps the default no");
        assertTrue(wa.bool("ignoreReactions", false));
    }

    @Test
    void nonInteractiveKeepsWhatNoFlagNames() {
        CliRun.run(userHome, "whatsapp-setup", "--non-interactive", "--enable", "--allow-from", "4915112345678",
                "--ignore-reactions", "yes");

        CliRun r = CliRun.run(userHome, "whatsapp-setup", "--non-interactive", "--disable");

        assertEquals(0, r.exit, r.err);
        JsonObject wa = whatsapp();
        assertFalse(wa.bool("enabled", true));
        assertEquals(List.of("4915112345678"), wa.strings("allowFrom"));
        assertTrue(wa.bool("ignoreReactions", false));
    }

    @Test
    void garbageIsAUsageErrorAndChangesNothing() {
        for (String[] args : new String[][] {{"--allow-from", "4915112345678,attacker|allowed"},
                {"--drop-unauthorized", "maybe"}, {"--enable", "--disable"}, {"--pair-token", "two words"},
                {"--allow-from", "../../etc/passwd"}}) {
            CliRun r = CliRun.run(userHome, List.of(List.of("whatsapp-setup", "--non-interactive"), List.of(args))
                    .stream().flatMap(List::stream).toArray(String[]::new));
            assertEquals(2, r.exit, String.join(" ", args) + ": " + r.err);
            assertTrue(r.err.contains("usage: gomikrobot whatsapp-setup"), r.err);
        }
        assertFalse(Files.exists(config()), "nothing written for a refused command");
    }

    @Test
    void pairTokenGoesToTheSettingsTableAndIsNotPrinted() {
        CliRun r = CliRun.run(userHome, "whatsapp-setup", "--non-interactive", "--enable", "--pair-token", "open-sesame-42");

        assertEquals(0, r.exit, r.err);
        assertFalse(r.out.contains("open-sesame-42"), r.out);
        assertTrue(r.out.contains("pairing token:      set"), r.out);
        try (Database db = Database.open(userHome.resolve(".gomikrobot").resolve("timeline.db"), Log.quiet())) {
            assertEquals(Optional.of("open-sesame-42"), new SettingsStore(db).get("whatsapp_pair_token"));
        }
    }
}
