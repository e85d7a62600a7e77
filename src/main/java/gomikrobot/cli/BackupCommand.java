package gomikrobot.cli;

import gomikrobot.backup.Backup;
import gomikrobot.backup.ByteCount;
import gomikrobot.backup.ConsoleProgress;
import gomikrobot.backup.DataPaths;
import gomikrobot.backup.Manifest;
import gomikrobot.backup.Section;
import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code gomikrobot backup [DIR]}: a consistent, verified backup of the installation, safe while the gateway
 * runs. The summary goes to stdout, progress of large folders to stderr; exit 0 only when every file was
 * copied and verified.
 */
final class BackupCommand implements Command {
    @Override
    public String name() {
        return "backup";
    }

    @Override
    public String summary() {
        return "Consistent backup of database, config, WhatsApp session and workspace";
    }

    @Override
    public String usage() {
        return """
                usage: gomikrobot backup [DIR]
                  DIR   new or empty folder for the backup (default ~/gomikrobot-backup-YYYYMMDD-HHMMSS, UTC)
                Safe while the gateway runs: the database is copied with SQLite's online backup. Also copies
                config.json (mode kept), the WhatsApp session folder and the workspace, writes MANIFEST.json with
                every file's size and SHA-256, then verifies the copy. Symbolic links are skipped, not followed.""";
    }

    @Override
    public ExitCode run(List<String> argv, CliContext ctx) {
        List<String> positional = Args.none(argv).atMostPositional(1).positional();
        Config config = new ConfigLoader(ctx.env(), ctx.userHome()).load();
        Backup backup = new Backup(DataPaths.of(config), ctx.clock(), Version.current(),
                new ConsoleProgress(ctx.err(), ConsoleProgress.DEFAULT_MIN_BYTES));
        Path target = positional.isEmpty() ? backup.newTarget(ctx.userHome())
                : userPath(positional.getFirst(), ctx.userHome());
        ctx.err().println("backing up " + config.home() + " to " + target + " ...");
        Manifest manifest = backup.create(target);
        ctx.out().println("backup written to " + target);
        printContents(manifest, ctx.out());
        ctx.out().println("verified: " + manifest.files().size() + " files, " + ByteCount.format(manifest.totalBytes())
                + ", SHA-256 of each in " + Manifest.FILE_NAME + ", database integrity_check ok");
        return ExitCode.OK;
    }

    /** One line per section of a backup, then what was skipped; shared with {@code restore}. */
    static void printContents(Manifest manifest, PrintStream out) {
        for (Section section : manifest.sections()) {
            List<Manifest.Entry> files = manifest.filesOf(section);
            long bytes = files.stream().mapToLong(Manifest.Entry::size).sum();
            String name = section.fileName() + (section.isFolder() ? "/" : "");
            out.printf("  %-13s %5d file%s %10s%n", name, files.size(), files.size() == 1 ? " " : "s",
                    ByteCount.format(bytes));
        }
        for (Manifest.Skipped s : manifest.skipped()) {
            out.println("  skipped " + s.path() + ": " + s.reason());
        }
    }

    /** A path argument: "~/x" under the user's home, anything relative against the working directory. */
    static Path userPath(String arg, Path userHome) {
        if (arg.isBlank()) {
            throw new UsageException("the folder name is empty");
        }
        if (arg.equals("~")) {
            return userHome;
        }
        if (arg.startsWith("~/")) {
            return userHome.resolve(arg.substring(2)).toAbsolutePath().normalize();
        }
        try {
            return Path.of(arg).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new UsageException("not a valid path: " + arg);
        }
    }
}
