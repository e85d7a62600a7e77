package gomikrobot.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gomikrobot.config.ExecToolConfig;
import gomikrobot.config.ExecToolConfig.SandboxMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTest {
    @TempDir
    Path tmp;

    /** Where the note that bubblewrap worked is kept. */
    @TempDir
    Path cache;

    private final ProcessRunner runner = new ProcessRunner(Duration.ofMillis(500));
    private final Map<String, String> gateway = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
            "LANG", "C.UTF-8", "HOME", "/root", "OPENAI_API_KEY", "sk-never");

    private static ExecToolConfig config(SandboxMode mode, boolean network) {
        return new ExecToolConfig(Duration.ofSeconds(5), true, List.of(), mode, network);
    }

    /** An executable {@code bwrap} script with {@code text}, alone in a folder of its own. */
    private Path fakeBwrap(String text) throws IOException {
        Path fake = Files.writeString(Files.createDirectories(tmp.resolve("bin")).resolve("bwrap"), text);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return fake;
    }

    /** The gateway's PATH with {@code bwrap}'s folder first, so that bwrap is the one a sandbox finds. */
    private Map<String, String> pathFinding(Path bwrap) {
        return Map.of("PATH", bwrap.getParent() + ":" + gateway.get("PATH"));
    }

    /** The machine's real bubblewrap; tests that need it skip, saying why, only where it is not installed. */
    private Sandbox.Bubblewrap bubblewrap(boolean network) {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")) || Files.isExecutable(Path.of("/bin/bwrap")),
                "bwrap is not installed (Debian package bubblewrap; .ci/run installs it)");
        Sandbox chosen = Sandbox.choose(config(SandboxMode.BUBBLEWRAP, network), gateway, runner, cache);
        return assertInstanceOf(Sandbox.Bubblewrap.class, chosen, chosen.summary());
    }

    @Test
    void offRunsUnconfinedAndSaysSo() {
        Sandbox off = Sandbox.choose(config(SandboxMode.OFF, true), gateway, runner, cache);
        assertEquals(new Sandbox.Unconfined("tools.exec.sandbox is off"), off);
        assertEquals("exec is not sandboxed: tools.exec.sandbox is off", off.summary());
        assertFalse(off.confines());
    }

    @Test
    void withoutBwrapAutoRunsUnconfinedAndBubblewrapRefuses() {
        Map<String, String> noBwrap = Map.of("PATH", tmp.toString());
        Sandbox auto = Sandbox.choose(config(SandboxMode.AUTO, true), noBwrap, runner, cache);
        assertTrue(assertInstanceOf(Sandbox.Unconfined.class, auto).reason().contains("not installed"), auto.summary());
        Sandbox required = Sandbox.choose(config(SandboxMode.BUBBLEWRAP, true), noBwrap, runner, cache);
        assertInstanceOf(Sandbox.Unavailable.class, required);
        assertTrue(required.summary().startsWith("exec is not sandboxed"), required.summary());
        assertEquals(Optional.empty(), required.confine(Command.of(tmp, ChildEnvironment.of(noBwrap),
                List.of("true")), new SandboxLayout(List.of(), List.of())));
    }

    @Test
    void aBwrapThatFailsHereIsReportedWithItsOwnLine() throws Exception {
        Path fake = fakeBwrap("#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n");
        Sandbox auto = Sandbox.choose(config(SandboxMode.AUTO, true), pathFinding(fake), runner, cache);
        assertEquals(new Sandbox.Unconfined("bwrap does not work here: bwrap: No permissions to create new namespace"),
                auto);
    }

    @Test
    void aBwrapThatWorkedIsNotRunAgainUntilItChanges() throws Exception {
        Path runs = tmp.resolve("runs");
        Path fake = fakeBwrap("#!/bin/sh\necho run >> '" + runs + "'\nexit 0\n");
        Map<String, String> path = pathFinding(fake);
        Sandbox first = Sandbox.choose(config(SandboxMode.BUBBLEWRAP, true), path, runner, cache);
        Sandbox second = Sandbox.choose(config(SandboxMode.BUBBLEWRAP, true), path, runner, cache);
        assertEquals(new Sandbox.Bubblewrap(fake, true), first);
        assertEquals(first, second);
        assertEquals(1, Files.readAllLines(runs).size(), "the second start trusted the note");

        Sandbox.choose(config(SandboxMode.BUBBLEWRAP, false), path, runner, cache); // another sandbox shape
        assertEquals(2, Files.readAllLines(runs).size());
        Files.setLastModifiedTime(fake, FileTime.fromMillis(Files.getLastModifiedTime(fake).toMillis() - 60_000));
        Sandbox.choose(config(SandboxMode.BUBBLEWRAP, false), path, runner, cache); // bubblewrap was replaced
        assertEquals(3, Files.readAllLines(runs).size());
    }

    @Test
    void aBwrapThatFailedIsAskedAgainAtTheNextStart() throws Exception {
        Path runs = tmp.resolve("runs");
        Path fake = fakeBwrap("#!/bin/sh\necho run >> '" + runs + "'\necho 'bwrap: setting up uid map' >&2\nexit 1\n");
        Map<String, String> path = pathFinding(fake);
        for (int start = 1; start <= 2; start++) {
            assertInstanceOf(Sandbox.Unavailable.class,
                    Sandbox.choose(config(SandboxMode.BUBBLEWRAP, true), path, runner, cache));
            assertEquals(start, Files.readAllLines(runs).size(), "a failure is never taken on trust");
        }
    }

    @Test
    void aNoteFromAnotherBootIsIgnored() throws Exception {
        Path runs = tmp.resolve("runs");
        Path fake = fakeBwrap("#!/bin/sh\necho run >> '" + runs + "'\nexit 0\n");
        Map<String, String> path = pathFinding(fake);
        Sandbox.choose(config(SandboxMode.AUTO, true), path, runner, cache);
        Path note = cache.resolve("bwrap-works");
        String bootLine = Files.readAllLines(note).stream().filter(l -> l.startsWith("boot ")).findFirst()
                .orElseThrow();
        Files.writeString(note, Files.readString(note).replace(bootLine, "boot 00000000-0000-0000-0000-000000000000"));
        assertInstanceOf(Sandbox.Bubblewrap.class, Sandbox.choose(config(SandboxMode.AUTO, true), path, runner, cache));
        assertEquals(2, Files.readAllLines(runs).size());
    }

    @Test
    void bubblewrapStartsWithOnlyPathLangAndAPrivateHome() throws Exception {
        Command command = Command.of(tmp, ChildEnvironment.of(gateway),
                List.of("sh", "-c", "tr '\\0' '\\n' < /proc/1/environ | sort; echo ---; env | sort"));
        RunResult.Exited run = assertInstanceOf(RunResult.Exited.class,
                runner.run(bubblewrap(true).wrap(command, new SandboxLayout(List.of(tmp), List.of()))));
        String[] parts = run.output().stdout().split("---\n");
        assertEquals("HOME=/tmp\nLANG=C.UTF-8\nPATH=" + gateway.get("PATH") + "\n", parts[0], run.toString());
        assertTrue(parts[1].lines().allMatch(l -> l.matches("(HOME|LANG|PATH|PWD|SHLVL|_)=.*")), parts[1]);
    }

    @Test
    void everythingTheCommandLeftBehindDiesWithTheCall() throws Exception {
        String marker = "301." + ProcessHandle.current().pid();
        Command command = Command.of(tmp, ChildEnvironment.of(gateway),
                List.of("sh", "-c", "sleep " + marker + " & echo started"));
        RunResult.Exited run = assertInstanceOf(RunResult.Exited.class,
                runner.run(bubblewrap(true).wrap(command, new SandboxLayout(List.of(tmp), List.of()))));
        assertEquals("started\n", run.output().stdout());
        for (int i = 0; i < 30 && sleeperAlive(marker); i++) {
            Thread.sleep(100);
        }
        assertFalse(sleeperAlive(marker), "a background child outlived its sandbox");
    }

    @Test
    void aSandboxOutlivesTheThreadThatStartedIt() throws Exception {
        Command sleeper = bubblewrap(true).wrap(Command.of(tmp, ChildEnvironment.of(gateway),
                List.of("sh", "-c", "echo ready; exec sleep 30")), new SandboxLayout(List.of(tmp), List.of()));
        AtomicReference<Child> started = new AtomicReference<>();
        Thread starter = Thread.ofPlatform().start(() -> {
            try {
                Child child = runner.start(sleeper);
                started.set(child);
                new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }); // ends once the sandbox runs, so bwrap's --die-with-parent is armed before this thread goes
        starter.join();
        try (Child child = started.get()) {
            // --die-with-parent follows the starting thread: had it been the one above, bwrap would be dead by now
            assertFalse(child.waitFor(Duration.ofMillis(500)), "the sandbox died with the thread that started it");
        }
    }

    @Test
    void withoutNetworkOnlyLoopbackExists() throws Exception {
        Command command = Command.of(tmp, ChildEnvironment.of(gateway), List.of("cat", "/proc/net/dev"));
        RunResult.Exited run = assertInstanceOf(RunResult.Exited.class,
                runner.run(bubblewrap(false).wrap(command, new SandboxLayout(List.of(tmp), List.of()))));
        List<String> interfaces = run.output().stdout().lines().filter(l -> l.contains(":"))
                .map(l -> l.substring(0, l.indexOf(':')).strip()).toList();
        assertEquals(List.of("lo"), interfaces, run.output().stdout());
    }

    private static boolean sleeperAlive(String marker) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
                .map(args -> List.of(args).contains(marker)).orElse(false));
    }
}
