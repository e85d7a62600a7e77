package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.channels.whatsapp.WhatsAppPairing;
import gomikrobot.observe.Log;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.SettingsStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** whatsapp-auth's logic over a fake pairing; the lists over a real database. */
class WhatsAppAuthCommandTest {
    private static final String ACCOUNT = "4915112345678@s.whatsapp.net";

    @TempDir
    Path userHome;

    private Path home() {
        return userHome.resolve(".gomikrobot");
    }

    private CliRunResult run(WhatsAppFakePairing fake, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(Map.of("GOMIKROBOT_HOME", home().toString()), userHome,
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
        var command = new WhatsAppAuthCommand((dir, log) -> fake, Duration.ofMillis(500));
        int exit = new Main(Commands.of(List.of(command))).run(concat("whatsapp-auth", args), ctx);
        return CliRunResult.of(exit, out, err);
    }

    private static List<String> concat(String first, String... rest) {
        var all = new ArrayList<String>();
        all.add(first);
        all.addAll(List.of(rest));
        return all;
    }

    @Test
    void qrPairingDrawsTheCodeWritesAPrivatePngAndReportsTheAccount() {
        Path png = home().resolve("whatsapp-qr.png");
        AtomicReference<String> pngMode = new AtomicReference<>("missing");
        var fake = WhatsAppFakePairing.linking(List.of("2@first,ref", "2@second,ref"), ACCOUNT, () -> {
            try {
                pngMode.set(Files.exists(png) ? PosixFilePermissions.toString(Files.getPosixFilePermissions(png))
                        : "missing");
            } catch (IOException e) {
                pngMode.set(e.toString());
            }
        });

        CliRunResult r = run(fake);

        assertEquals(0, r.exit(), r.all());
        assertEquals("rw-------", pngMode.get(), "the QR image exists while waiting, readable by its owner only");
        assertFalse(Files.exists(png), "the QR image is removed once paired");
        assertTrue(r.out().contains("Linked devices"), r.out());
        assertTrue(r.out().contains("previous QR code expired"), "a refreshed code is drawn again: " + r.out());
        assertTrue(r.out().contains("Paired as " + ACCOUNT), r.out());
        assertTrue(r.out().contains("gomikrobot gateway"), "tells the user to (re)start the gateway");
        assertTrue(fake.kept);
        assertFalse(fake.abandoned);
        assertEquals(List.of(new WhatsAppPairing.Method.Qr()), fake.begun);
    }

    @Test
    void phoneOptionPairsByCodeAndShowsEachCodeAsWhatsAppDoes() {
        var fake = WhatsAppFakePairing.linking(List.of("ABCDEFGH", "JKLMNPQR"), ACCOUNT, () -> { });

        CliRunResult r = run(fake, "--phone", "+49 151 12345678");

        assertEquals(0, r.exit(), r.all());
        assertEquals(List.of(new WhatsAppPairing.Method.PhoneCode(4915112345678L)), fake.begun);
        assertTrue(r.out().contains("    ABCD-EFGH"), r.out());
        assertTrue(r.out().contains("The previous code expired; enter this one instead:"), r.out());
        assertTrue(r.out().contains("    JKLM-NPQR"), r.out());
        assertFalse(Files.exists(home().resolve("whatsapp-qr.png")), "no QR image when pairing by code");
    }

    @Test
    void noNetworkFailsWithOneLineNamingTheCauseAndLeavesNoSession() {
        var fake = WhatsAppFakePairing.failing(noDns());

        CliRunResult r = run(fake);

        assertEquals(1, r.exit(), r.all());
        assertEquals(List.of("gomikrobot whatsapp-auth: cannot reach WhatsApp (web.whatsapp.com): the host name does"
                + " not resolve (no network or no DNS)"), r.err().lines().toList());
        assertTrue(fake.abandoned, "the half-made session is deleted");
        assertFalse(fake.kept);
    }

    @Test
    void silentServerFailsOnceTheReachTimeoutIsOver() {
        var fake = WhatsAppFakePairing.silent(List.of());
        long start = System.nanoTime();

        CliRunResult r = run(fake);

        assertEquals(1, r.exit(), r.all());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
        assertTrue(r.err().contains("cannot reach WhatsApp (web.whatsapp.com): no answer within"), r.err());
        assertTrue(fake.abandoned);
    }

    @Test
    void unscannedCodeTimesOutAndRemovesTheImage() throws Exception {
        var fake = WhatsAppFakePairing.silent(List.of("2@only,ref"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path png = home().resolve("whatsapp-qr.png");
        var run = new WhatsAppPairingRun(fake, png, new PrintStream(out, true, StandardCharsets.UTF_8),
                Duration.ofSeconds(5), Duration.ofMillis(300));

        IOException e = assertThrows(IOException.class,
                () -> run.pair(new WhatsAppPairing.Method.Qr(), false));

        assertTrue(e.getMessage().startsWith("the QR code was not scanned within"), e.getMessage());
        assertTrue(fake.abandoned);
        assertFalse(Files.exists(png));
    }

    @Test
    void existingSessionIsReportedAndNotReplacedWithoutForce() {
        var fake = WhatsAppFakePairing.alreadyPaired(ACCOUNT);

        CliRunResult r = run(fake);

        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("Already paired as " + ACCOUNT), r.out());
        assertTrue(r.out().contains("--force"), r.out());
        assertTrue(fake.begun.isEmpty());
    }

    @Test
    void badOptionsAreUsageErrors() {
        var fake = WhatsAppFakePairing.alreadyPaired(ACCOUNT);
        for (String[] args : new String[][] {{"--phone", "not-a-number"}, {"--phone", ACCOUNT}, {"--list", "--phone", "4915112345678"},
                {"--approve", "4915112345678", "--deny", "4917600000000"}, {"--approve", "robert'); DROP TABLE--"},
                {"--timeout", "5"}, {"--timeout", "soon"}, {"extra"}}) {
            CliRunResult r = run(fake, args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.all());
            assertTrue(r.err().lines().anyMatch(l -> l.startsWith("usage: gomikrobot whatsapp-auth")), r.err());
        }
        assertTrue(fake.begun.isEmpty());
    }

    @Test
    void approveMovesAPendingSenderToTheAllowlistInTheDatabase() {
        seed(Map.of("whatsapp_pending", "[\"4915112345678\",\"4917600000000\"]", "whatsapp_denylist", "4915112345678"));

        CliRun r = CliRun.run(userHome, Map.of(), "", "whatsapp-auth", "--approve", "+49 151 12345678");

        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("4915112345678 moved from pending to the allowlist, removed from the denylist"), r.out);
        Map<String, String> rows = settings();
        assertEquals("4915112345678", rows.get("whatsapp_allowlist"));
        assertEquals("", rows.get("whatsapp_denylist"));
        assertEquals("[\"4917600000000\"]", rows.get("whatsapp_pending"));
    }

    @Test
    void denyTakesAFullJidAndListShowsWhatIsPending() {
        seed(Map.of("whatsapp_pending", "[\"4915112345678\",\"4917600000000\"]"));

        CliRun denied = CliRun.run(userHome, Map.of(), "", "whatsapp-auth", "--deny", "4917600000000:4@s.whatsapp.net");
        CliRun listed = CliRun.run(userHome, Map.of(), "", "whatsapp-auth", "--list");

        assertEquals(0, denied.exit, denied.err);
        assertEquals("4917600000000", settings().get("whatsapp_denylist"));
        assertEquals(0, listed.exit, listed.err);
        assertTrue(listed.out.contains("Pending requests (1)"), listed.out);
        assertTrue(listed.out.contains("  4915112345678"), listed.out);
        assertTrue(listed.out.contains("Denylist: 4917600000000"), listed.out);
    }

    /** What the JDK's HTTP client reports without DNS: a ConnectException without message around the real cause. */
    private static Throwable noDns() {
        ConnectException e = new ConnectException();
        e.initCause(new UnresolvedAddressException());
        return e;
    }

    private void seed(Map<String, String> rows) {
        try (Database db = Database.open(home().resolve("timeline.db"), Log.quiet())) {
            SettingsStore store = new SettingsStore(db);
            rows.forEach(store::put);
        }
    }

    private Map<String, String> settings() {
        try (Database db = Database.open(home().resolve("timeline.db"), Log.quiet())) {
            return new SettingsStore(db).all();
        }
    }

    /** What a command run printed, for runs with an injected command (CliRun runs the standard commands). */
    record CliRunResult(int exit, String out, String err) {
        static CliRunResult of(int exit, ByteArrayOutputStream out, ByteArrayOutputStream err) {
            return new CliRunResult(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }

        String all() {
            return out + err;
        }
    }
}
