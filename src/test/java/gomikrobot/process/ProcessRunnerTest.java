package gomikrobot.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.testing.ProcessChecks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
    @TempDir
    Path dir;

    private final ProcessRunner runner = new ProcessRunner(Duration.ofMillis(500));
    private final ChildEnvironment env = ChildEnvironment.of(Map.of("PATH", System.getenv().getOrDefault("PATH",
            "/usr/bin:/bin"), "OPENAI_API_KEY", "sk-never"));

    private Command shell(String script) {
        return Command.of(dir, env, List.of("sh", "-c", script)).withTimeout(Duration.ofSeconds(10));
    }

    private RunResult.Exited exited(Command command) throws Exception {
        return assertInstanceOf(RunResult.Exited.class, runner.run(command));
    }

    @Test
    void runsInTheDirectoryWithExactlyTheGivenEnvironment() throws Exception {
        RunResult.Exited run = exited(shell("pwd; env | sort"));
        assertEquals(dir.toRealPath() + "\n", run.output().stdout().lines().findFirst().orElse("") + "\n");
        List<String> names = run.output().stdout().lines().skip(1).map(l -> l.substring(0, l.indexOf('='))).toList();
        assertFalse(names.contains("OPENAI_API_KEY"), names.toString());
        assertTrue(names.contains("PATH"), names.toString());
    }

    @Test
    void stdinIsEmptyUnlessTextIsGiven() throws Exception {
        assertEquals("", exited(shell("cat")).output().stdout());
        assertEquals("hello\n", exited(shell("cat").withStdin("hello\n")).output().stdout());
    }

    @Test
    void keepsStreamsApartOrMergesThemWhenAsked() throws Exception {
        RunResult.Exited apart = exited(shell("echo out; echo err >&2; exit 3"));
        assertEquals(new RunResult.Output("out\n", "err\n", false), apart.output());
        assertEquals(3, apart.exitCode());
        RunResult.Exited merged = exited(shell("echo out; echo err >&2").mergingStderr());
        assertEquals(new RunResult.Output("out\nerr\n", "", false), merged.output());
    }

    @Test
    void capsEachStreamAndDrainsTheRest() throws Exception {
        RunResult.Exited run = exited(shell("head -c 300000 /dev/zero | tr '\\0' a; echo done >&2").withOutputCap(1000));
        assertEquals("a".repeat(1000), run.output().stdout());
        assertEquals("done\n", run.output().stderr());
        assertTrue(run.output().truncated());
        assertEquals(0, run.exitCode());
    }

    @Test
    void timeoutKillsTheWholeTree() throws Exception {
        RunResult run = runner.run(shell("sleep 37 & echo $! > pids; sleep 38 & echo $! >> pids; echo started; wait")
                .withTimeout(Duration.ofMillis(700)));
        assertEquals("started\n", assertInstanceOf(RunResult.TimedOut.class, run).output().stdout());
        for (long pid : Files.readAllLines(dir.resolve("pids")).stream().map(Long::parseLong).toList()) {
            assertFalse(ProcessChecks.stillRunning(pid), "child " + pid + " survived the timeout");
        }
    }

    @Test
    void anInterruptKillsTheTreeAndIsRethrown() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                runner.run(shell("echo $$ > pid; exec sleep 30"));
            } catch (InterruptedException | RuntimeException e) {
                thrown.set(e);
            }
        });
        Path pidFile = dir.resolve("pid");
        for (int i = 0; i < 100 && (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()); i++) {
            Thread.sleep(50);
        }
        waiting.interrupt();
        waiting.join(Duration.ofSeconds(10));
        assertInstanceOf(InterruptedException.class, thrown.get());
        assertFalse(ProcessChecks.stillRunning(Long.parseLong(Files.readString(pidFile).strip())));
    }

    @Test
    void aProgramThatCannotStartIsNotStartedWithTheReason() throws Exception {
        RunResult.NotStarted missing = assertInstanceOf(RunResult.NotStarted.class,
                runner.run(Command.of(dir, env, List.of("no-such-program-gmb"))));
        assertTrue(missing.reason().contains("no-such-program-gmb"), missing.reason());
        assertInstanceOf(RunResult.NotStarted.class, runner.run(Command.of(dir.resolve("gone"), env, List.of("true"))));
    }

    @Test
    void aLongLivedChildTalksThroughItsStreamsUntilClosed() throws Exception {
        Child child = runner.start(Command.of(dir, env, List.of("cat")));
        child.stdin().write("ping\n".getBytes(StandardCharsets.UTF_8));
        child.stdin().flush();
        var reader = new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8));
        assertEquals("ping", reader.readLine());
        child.close();
        assertFalse(child.isAlive());
        assertEquals(0, child.exitCode());
    }

    @Test
    void closingAChildThatIgnoresItsStdinAndSigtermKillsItsTree() throws Exception {
        Child child = runner.start(Command.of(dir, env,
                List.of("sh", "-c", "trap '' TERM; sleep 31 & echo $!; wait")));
        long grandchild = Long.parseLong(new BufferedReader(new InputStreamReader(child.stdout(),
                StandardCharsets.UTF_8)).readLine().strip());
        child.close();
        assertFalse(child.isAlive());
        assertFalse(ProcessChecks.stillRunning(grandchild));
    }

    @Test
    void commandsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Command.of(dir, env, List.of()));
        assertThrows(IllegalArgumentException.class, () -> shell("true").withTimeout(Duration.ZERO));
    }
}
