package gomikrobot.cli;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code gomikrobot install [--prefix DIR]}: copies the running jar to {@code PREFIX/lib/gomikrobot/gomikrobot.jar}
 * and writes the launcher {@code PREFIX/bin/gomikrobot} (mode 0755). Both are written to a temporary file and
 * renamed, so a failed install never leaves half a jar. Not permitted: one clear line suggesting sudo or a
 * prefix the user owns.
 */
final class InstallCommand implements Command {
    static final Path DEFAULT_PREFIX = Path.of("/usr/local");

    private final Supplier<Optional<Path>> sourceJar;

    /** Installs the jar this program runs from. */
    InstallCommand() {
        this(InstallCommand::runningJar);
    }

    /** Installs the jar {@code sourceJar} names; empty means "not running from a jar". */
    InstallCommand(Supplier<Optional<Path>> sourceJar) {
        this.sourceJar = sourceJar;
    }

    @Override
    public String name() {
        return "install";
    }

    @Override
    public String summary() {
        return "Install the jar and a launcher under a prefix";
    }

    @Override
    public String usage() {
        return """
                usage: gomikrobot install [--prefix DIR]
                Copies this jar to DIR/lib/gomikrobot/gomikrobot.jar and writes DIR/bin/gomikrobot, a launcher that
                finds Java 25+ (JAVA_HOME, PATH, /usr/lib/jvm). Default DIR: /usr/local (needs sudo); without root,
                use e.g. --prefix ~/.local.""";
    }

    @Override
    public ExitCode run(List<String> raw, CliContext ctx) throws IOException {
        Args args = Args.parse(raw, Map.of("--prefix", "--prefix"), Set.of()).atMostPositional(0);
        Path prefix = prefix(args.option("--prefix").orElse(null), ctx);
        Path jar = sourceJar.get().orElseThrow(() -> new IllegalStateException(
                "install copies the packaged jar, but this program is not running from one; build it with "
                        + "`make build` and run `java -jar target/gomikrobot.jar install`"));
        Path libDir = prefix.resolve("lib").resolve("gomikrobot");
        Path installedJar = libDir.resolve("gomikrobot.jar");
        Path launcher = prefix.resolve("bin").resolve("gomikrobot");
        try {
            Files.createDirectories(libDir);
            Files.createDirectories(launcher.getParent());
            if (!isSameFile(jar, installedJar)) {
                replace(installedJar, tmp -> Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING));
                copyAotCache(jar, installedJar);
            }
            replace(launcher, tmp -> Files.writeString(tmp, InstallLauncher.script(installedJar), StandardCharsets.UTF_8));
            makeExecutable(launcher);
        } catch (FileSystemException e) {
            if (!notPermitted(e)) {
                throw e;
            }
            ctx.err().println("gomikrobot install: not permitted to write under " + prefix + " (" + e.getFile() + ").");
            ctx.err().println("  Run it as root (sudo gomikrobot install, or sudo java -jar gomikrobot.jar install)"
                    + " or choose a folder you own: --prefix " + ctx.userHome().resolve(".local"));
            return ExitCode.FAILURE;
        }
        ctx.out().println("Installed GoMikroBot " + Version.current() + ":");
        ctx.out().println("  jar:      " + installedJar);
        ctx.out().println("  launcher: " + launcher);
        if (!onPath(launcher.getParent(), ctx.env())) {
            ctx.out().println("  " + launcher.getParent() + " is not on your PATH; add it, or run " + launcher);
        }
        return ExitCode.OK;
    }

    // ---- private helpers ----

    /**
     * The AOT cache {@code make aot} leaves beside the jar goes beside the installed jar, where the launcher
     * picks it up; a cache older than its jar is stale and not copied (an old installed one is removed).
     */
    private static void copyAotCache(Path jar, Path installedJar) throws IOException {
        Path cache = aotOf(jar);
        Path installed = aotOf(installedJar);
        if (Files.isRegularFile(cache)
                && !Files.getLastModifiedTime(cache).toInstant().isBefore(Files.getLastModifiedTime(jar).toInstant())) {
            replace(installed, tmp -> Files.copy(cache, tmp, StandardCopyOption.REPLACE_EXISTING));
        } else {
            Files.deleteIfExists(installed);
        }
    }

    private static Path aotOf(Path jar) {
        String name = jar.getFileName().toString();
        return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".aot");
    }

    private static Path prefix(String given, CliContext ctx) {
        if (given == null) {
            return DEFAULT_PREFIX;
        }
        if (given.isBlank()) {
            throw new UsageException("--prefix must not be empty");
        }
        try {
            String p = given.strip();
            Path path = p.equals("~") || p.startsWith("~/") ? ctx.userHome().resolve(p.substring(Math.min(2, p.length())))
                    : Path.of(p);
            return path.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new UsageException("--prefix is not a valid path: " + given);
        }
    }

    private interface Writer {
        void write(Path tmp) throws IOException;
    }

    /**
     * Writes through a temp file next to {@code target}, then renames it over the target. Not
     * {@link gomikrobot.files.AtomicFile}: its temp files are readable by their owner only, and what is installed
     * under a shared prefix must be readable by every user, as the umask gives it.
     */
    private static void replace(Path target, Writer writer) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".installing");
        try {
            writer.write(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void makeExecutable(Path launcher) throws IOException {
        if (launcher.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static boolean isSameFile(Path a, Path b) throws IOException {
        return Files.exists(b) && Files.isSameFile(a, b);
    }

    private static boolean notPermitted(FileSystemException e) {
        String reason = String.valueOf(e.getReason());
        return e instanceof AccessDeniedException || reason.contains("Permission denied")
                || reason.contains("Read-only file system") || reason.contains("Operation not permitted");
    }

    private static boolean onPath(Path dir, Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank())
                .anyMatch(s -> Path.of(s).toAbsolutePath().normalize().equals(dir));
    }

    /** The jar holding this class, when the program runs from one (not from a classes folder or JBang). */
    private static Optional<Path> runningJar() {
        CodeSource source = InstallCommand.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty(); // not a local file: treated like "not running from a jar"
        }
    }
}
