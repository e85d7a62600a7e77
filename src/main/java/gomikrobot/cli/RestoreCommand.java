package gomikrobot.cli;

import gomikrobot.backup.ByteCount;
import gomikrobot.backup.ConsoleProgress;
import gomikrobot.backup.DataPaths;
import gomikrobot.backup.Manifest;
import gomikrobot.backup.PortProbe;
import gomikrobot.backup.Restore;
import gomikrobot.backup.Section;
import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gomikrobot restore DIR}: puts a backup made by {@code gomikrobot backup} in place of the configured
 * installation ($GOMIKROBOT_HOME, and the configured workspace), after checking that no gateway runs and that
 * the backup is whole. Refusals and failures exit 1 with one line and leave the current data as it was.
 */
final class RestoreCommand implements Command {
    private static final String KEEP = "--keep-before-restore";

    @Override
    public String name() {
        return "restore";
    }

    @Override
    public String summary() {
        return "Restore a backup made by `gomikrobot backup`";
    }

    @Override
    public String usage() {
        return """
                usage: gomikrobot restore DIR [--keep-before-restore]
                  DIR                    a folder written by `gomikrobot backup`
                  --keep-before-restore  keep the replaced data as *.before-restore after success
                Stop the gateway first. Every file's SHA-256 and the database's integrity are checked before
                anything changes; the current data is set aside as *.before-restore until the restore succeeds.""";
    }

    @Override
    public ExitCode run(List<String> argv, CliContext ctx) {
        Args args = Args.parse(argv, Map.of(), Set.of(KEEP)).atMostPositional(1);
        if (args.positional().isEmpty()) {
            throw new UsageException("DIR is required");
        }
        Path source = BackupCommand.userPath(args.positional().getFirst(), ctx.userHome());
        Config config = new ConfigLoader(ctx.env(), ctx.userHome()).load();
        Restore restore = new Restore(DataPaths.of(config), PortProbe.of(config.gateway()),
                new ConsoleProgress(ctx.err(), ConsoleProgress.DEFAULT_MIN_BYTES));
        ctx.err().println("verifying " + source + " ...");
        Restore.Restored restored = restore.run(source, args.flag(KEEP));
        Manifest manifest = restored.manifest();
        ctx.out().println("restored " + source + " (taken " + manifest.createdAt() + ", " + manifest.files().size()
                + " files, " + ByteCount.format(manifest.totalBytes()) + ") into " + config.home());
        BackupCommand.printContents(manifest, ctx.out());
        if (manifest.sections().contains(Section.WORKSPACE)) {
            ctx.out().println("  workspace restored to " + config.paths().workspace());
        }
        if (restored.keptAside().isEmpty()) {
            ctx.out().println("the replaced data was removed");
        } else {
            restored.keptAside().forEach(p -> ctx.out().println("  kept " + p));
        }
        return ExitCode.OK;
    }
}
