package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs a jar of the compiled classes (built here, so the test needs neither `mvn package` nor the network)
 * into a temp prefix and runs the installed launcher as a real process.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the launcher is a POSIX shell script")
class InstallCommandTest {
    @TempDir
    Path tmp;

    @Test
    void installedLauncherRunsVersionOnJava25AndForwardsExitCodes() throws Exception {
        Path jar = jarOfCompiledClasses();
        Path prefix = tmp.resolve("prefix");

        OnboardRun r = install(Optional.of(jar), "--prefix", prefix.toString());

        assertEquals(0, r.code(), r.all());
        Path launcher = prefix.resolve("bin/gomikrobot");
        assertTrue(Files.isRegularFile(prefix.resolve("lib/gomikrobot/gomikrobot.jar")), r.all());
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(launcher)));
        assertTrue(r.out().contains("is not on your PATH"), r.all());

        Result version = launch(launcher, Map.of("JAVA_HOME", javaHome()), "version");
        assertEquals(0, version.code(), version.output());
        assertTrue(version.output().matches("(?s)gomikrobot \\S+ \\(Java 2[5-9]\\)\\R?"), version.output());

        Result unknown = launch(launcher, Map.of("JAVA_HOME", javaHome()), "no-such-command");
        assertEquals(2, unknown.code(), "the launcher passes the program's exit code through: " + unknown.output());
    }

    @Test
    void reinstallReplacesTheJarAndLauncherInPlace() throws Exception {
        Path jar = jarOfCompiledClasses();
        Path prefix = tmp.resolve("prefix");
        assertEquals(0, install(Optional.of(jar), "--prefix", prefix.toString()).code());
        Files.writeString(prefix.resolve("bin/gomikrobot"), "old launcher");

        OnboardRun again = install(Optional.of(jar), "--prefix", prefix.toString());

        assertEquals(0, again.code(), again.all());
        assertTrue(Files.readString(prefix.resolve("bin/gomikrobot")).startsWith("#!/bin/sh"));
        try (Stream<Path> files = Files.list(prefix.resolve("lib/gomikrobot"))) {
            assertEquals(List.of("gomikrobot.jar"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temp files left behind");
        }
    }

    @Test
    void launcherSaysWhatToInstallWhenNoJava25IsFound() throws Exception {
        Path prefix = tmp.resolve("prefix");
        assertEquals(0, install(Optional.of(jarOfCompiledClasses()), "--prefix", prefix.toString()).code());
        Path fakeBin = Files.createDirectories(tmp.resolve("old-java/bin"));
        Path oldJava = fakeBin.resolve("java");
        Files.writeString(oldJava, "#!/bin/sh\necho 'openjdk version \"17.0.9\" 2023-10-17' >&2\n");
        Files.setPosixFilePermissions(oldJava, PosixFilePermissions.fromString("rwxr-xr-x"));

        Result r = launch(prefix.resolve("bin/gomikrobot"), Map.of(
                "PATH", fakeBin + ":/usr/bin:/bin", "GOMIKROBOT_JVM_DIRS", tmp.resolve("no-jvms").toString()),
                "version");

        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("needs Java 25 or newer"), r.output());
        assertTrue(r.output().contains(oldJava + " (version 17)"), r.output());
        assertTrue(r.output().contains("Temurin 25"), r.output());
    }

    @Test
    void launcherFindsJavaOnceAndLooksAgainOnlyWhenItDisappears() throws Exception {
        Path prefix = tmp.resolve("prefix");
        assertEquals(0, install(Optional.of(jarOfCompiledClasses()), "--prefix", prefix.toString()).code());
        Path checks = tmp.resolve("version-checks");
        Path jvms = Files.createDirectories(tmp.resolve("jvms"));
        Path bin = Files.createDirectories(jvms.resolve("a/bin"));
        Files.writeString(bin.resolve("java"), "#!/bin/sh\n[ \"$1\" = -version ] && echo checked >> '" + checks + "'\n"
                + "exec '" + Path.of(javaHome(), "bin", "java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("PATH", toolsWithoutJava().toString(), "GOMIKROBOT_JVM_DIRS", jvms.toString());
        Path remembered = tmp.resolve("gmb-home/cache/java");

        for (int i = 0; i < 3; i++) {
            Result r = launch(prefix.resolve("bin/gomikrobot"), env, "version");
            assertEquals(0, r.code(), r.output());
        }
        assertEquals(1, Files.readAllLines(checks).size(), "java -version ran on the first start only");
        assertEquals(jvms.resolve("a/bin/java").toString(), Files.readAllLines(remembered).getFirst());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(remembered)));

        Files.move(jvms.resolve("a"), jvms.resolve("b")); // the remembered Java is gone: look again
        Result moved = launch(prefix.resolve("bin/gomikrobot"), env, "version");

        assertEquals(0, moved.code(), moved.output());
        assertEquals(2, Files.readAllLines(checks).size());
        assertEquals(jvms.resolve("b/bin/java").toString(), Files.readAllLines(remembered).getFirst());
    }

    @Test
    void launcherStartsTheJvmWithItsDefaultsWhichGomikrobotJavaOptsOverride() throws Exception {
        Path prefix = tmp.resolve("prefix");
        assertEquals(0, install(Optional.of(jarOfCompiledClasses()), "--prefix", prefix.toString()).code());
        Path launcher = prefix.resolve("bin/gomikrobot");

        Result version = launch(launcher, Map.of("JAVA_HOME", javaHome(), "GOMIKROBOT_JAVA_OPTS",
                "-XX:+PrintFlagsFinal"), "version");
        Result gateway = launch(launcher, Map.of("JAVA_HOME", javaHome(), "GOMIKROBOT_JAVA_OPTS",
                "-XX:+PrintFlagsFinal -Xmx1g"), "gateway", "--no-such-option");
        Result g1 = launch(launcher, Map.of("JAVA_HOME", javaHome(), "GOMIKROBOT_JAVA_OPTS",
                "-XX:+PrintFlagsFinal -XX:+UseG1GC"), "version");

        assertEquals(0, version.code(), version.output());
        assertEquals("true", flag(version, "UseSerialGC"));
        assertEquals(Long.toString(256L << 20), flag(version, "MaxHeapSize"));
        assertEquals("1", flag(version, "TieredStopAtLevel"), "a short command gets the quick compiler alone");
        assertEquals("true", flag(version, "ExitOnOutOfMemoryError"));
        assertEquals(2, gateway.code(), "the usage error: " + gateway.output());
        assertEquals("4", flag(gateway, "TieredStopAtLevel"), "the gateway gets the optimising compiler too");
        assertEquals(Long.toString(1L << 30), flag(gateway, "MaxHeapSize"), "GOMIKROBOT_JAVA_OPTS wins");
        assertEquals(0, g1.code(), g1.output());
        assertEquals("true", flag(g1, "UseG1GC"));
        assertEquals("false", flag(g1, "UseSerialGC"), "a collector named there replaces the serial one");
    }

    @Test
    void notPermittedSuggestsSudoOrAnotherPrefix() throws Exception {
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        // root may write anywhere, but not into /sys; otherwise a read-only folder is enough
        Path prefix = Files.isWritable(locked) ? Path.of("/sys/gomikrobot-install-test") : locked.resolve("prefix");

        OnboardRun r = install(Optional.of(jarOfCompiledClasses()), "--prefix", prefix.toString());

        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("not permitted to write under " + prefix), r.all());
        assertTrue(r.err().contains("sudo gomikrobot install") && r.err().contains("--prefix"), r.all());
    }

    @Test
    void refusesWhenNotRunningFromAJarOrGivenAnEmptyPrefix() {
        OnboardRun noJar = install(Optional.empty(), "--prefix", tmp.toString());
        assertEquals(1, noJar.code(), noJar.all());
        assertTrue(noJar.err().contains("not running from one"), noJar.all());

        assertEquals(2, install(Optional.empty(), "--prefix", " ").code());
        assertEquals(2, install(Optional.empty(), "extra").code());
    }

    @Test
    void launcherQuotesPathsWithSpacesAndQuotes() {
        String script = InstallLauncher.script(Path.of("/opt/it's here/gomikrobot.jar"));
        assertTrue(script.contains("JAR='/opt/it'\"'\"'s here/gomikrobot.jar'"), script);
        assertTrue(script.contains("--enable-native-access=ALL-UNNAMED"), script);
    }

    // ---- helpers ----

    private OnboardRun install(Optional<Path> jar, String... args) {
        return OnboardRun.run(new InstallCommand(() -> jar), Map.of("PATH", "/usr/bin:/bin"), tmp.resolve("home"),
                "", args);
    }

    private record Result(int code, String output) {
    }

    /** Runs the launcher with a clean environment plus {@code env}; output is stdout and stderr together. */
    private Result launch(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("GOMIKROBOT_HOME", tmp.resolve("gmb-home").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("launcher did not finish: " + output);
        }
        return new Result(p.exitValue(), output);
    }

    /** The value {@code -XX:+PrintFlagsFinal} printed for {@code name}. */
    private static String flag(Result r, String name) {
        return r.output().lines().map(String::strip).filter(line -> line.matches("\\S+\\s+" + name + "\\s+=.*"))
                .map(line -> line.replaceFirst(".*=\\s*(\\S+).*", "$1")).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not printed: " + r.output()));
    }

    /** A PATH folder with the few tools the launcher uses and no java. */
    private Path toolsWithoutJava() throws IOException {
        Path tools = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : List.of("sed", "mkdir", "mv", "rm")) {
            Path found = Stream.of("/usr/bin", "/bin").map(dir -> Path.of(dir, tool)).filter(Files::isExecutable)
                    .findFirst().orElseThrow(() -> new AssertionError(tool + " not found"));
            Files.createSymbolicLink(tools.resolve(tool), found);
        }
        return tools;
    }

    private static String javaHome() {
        return System.getProperty("java.home");
    }

    /** An executable jar of target/classes: the real CLI, without the dependencies `version` does not need. */
    private Path jarOfCompiledClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        Path jar = tmp.resolve("build/gomikrobot.jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
