package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path home;

    @Test
    void helpListsEveryCommand() {
        CliRun r = CliRun.run(home, "help");
        assertEquals(0, r.exit);
        for (String c : new String[] {"gateway", "agent", "onboard", "status", "whatsapp-setup", "whatsapp-auth",
                "install", "backup", "version", "help"}) {
            assertTrue(r.out.contains("  " + c + " "), "help lists " + c + ":\n" + r.out);
        }
    }

    @Test
    void everyStandardNameMakesTheCommandOfThatNameAndOthersNone() {
        Commands standard = Commands.standard();
        assertEquals(13, standard.names().size());
        for (String name : standard.names()) {
            assertEquals(name, standard.named(name).orElseThrow().name());
        }
        assertTrue(standard.named("help").isEmpty(), "Main adds help itself");
        assertTrue(standard.named("gatewa").isEmpty());
    }

    @Test
    void helpOfOneCommandPrintsItsUsage() {
        CliRun r = CliRun.run(home, "help", "cron");
        assertEquals(0, r.exit);
        assertTrue(r.out.startsWith("usage: gomikrobot cron"), r.out);
        assertEquals(2, CliRun.run(home, "help", "nosuch").exit);
    }

    @Test
    void versionPrintsOneLine() {
        CliRun r = CliRun.run(home, "version");
        assertEquals(0, r.exit);
        assertTrue(r.out.matches("gomikrobot \\S+ \\(Java \\d+\\)\\R"), r.out);
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun r = CliRun.run(home, "fly");
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("unknown command \"fly\""), r.err);
    }

    @Test
    void unknownOptionIsAUsageErrorWithOneLineOfHelp() {
        CliRun r = CliRun.run(home, "version", "--loud");
        assertEquals(2, r.exit);
        assertEquals(2, r.err.lines().count(), r.err);
        assertTrue(r.err.contains("unknown option --loud"), r.err);
        assertTrue(r.err.contains("usage: gomikrobot version"), r.err);
    }

    @Test
    void commandHelpFlagPrintsUsage() {
        CliRun r = CliRun.run(home, "status", "--help");
        assertEquals(0, r.exit);
        assertTrue(r.out.startsWith("usage: gomikrobot status"), r.out);
    }

    @Test
    void statusCreatesHomeConfigAndDatabase() {
        CliRun r = CliRun.run(home, "status");
        assertEquals(0, r.exit, r.err);
        Path gmb = home.resolve(".gomikrobot");
        assertTrue(Files.isRegularFile(gmb.resolve("config.json")));
        assertTrue(Files.isRegularFile(gmb.resolve("timeline.db")));
        assertTrue(r.out.contains("provider:    not configured"), r.out);
        assertTrue(r.out.contains("timeline"), r.out);
    }

    @Test
    void statusRedactsTheKey() {
        CliRun r = CliRun.run(home, java.util.Map.of("OPENAI_API_KEY", "sk-test-0123456789abcdef"), "", "status");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("provider:    configured"), r.out);
        assertTrue(!r.out.contains("0123456789abcdef"), r.out);
    }

    @Test
    void statusShowsAKeylessLocalServerAsConfigured() {
        CliRun r = CliRun.run(home, java.util.Map.of("MIKROBOT_OPENAI_API_BASE", "http://127.0.0.1:11434/v1"), "",
                "status");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("provider:    configured (local server, no key needed) (http://127.0.0.1:11434/v1"),
                r.out);
    }

    @Test
    void statusSaysWhetherExecIsSandboxed() {
        CliRun r = CliRun.run(home, java.util.Map.of("MIKROBOT_TOOLS_EXEC_SANDBOX", "off"), "", "status");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("exec:        exec is not sandboxed: tools.exec.sandbox is off\n"), r.out);
    }

    @Test
    void malformedConfigIsOneLineWithFileLineAndColumnAndExit1() throws Exception {
        Path gmb = Files.createDirectories(home.resolve(".gomikrobot"));
        Files.writeString(gmb.resolve("config.json"), "{\n  \"gateway\": {\n    \"port\": 18790,\n  }\n}\n");
        CliRun r = CliRun.run(home, "status");
        assertEquals(1, r.exit);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.contains(gmb.resolve("config.json").toString()), r.err);
        assertTrue(r.err.contains("line 4, column"), r.err);
    }
}
