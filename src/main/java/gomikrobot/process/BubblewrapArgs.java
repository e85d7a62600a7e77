package gomikrobot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The bubblewrap command line for one sandboxed command: new pid, ipc, uts and cgroup namespaces (and network,
 * unless shared) with a fresh {@code /proc} and {@code /dev}; the system folders read-only and nothing else of
 * the host but the layout's writable folders; a private {@code /tmp}; the host's secret files in {@code /etc}
 * masked (they are readable when the gateway runs as root); the layout's hidden folders covered by an empty
 * tmpfs wherever they would be visible. Mounts are applied shallowest first, so a deeper one wins.
 */
final class BubblewrapArgs {
    private static final List<Path> SYSTEM_FOLDERS = Stream.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64",
            "/libx32", "/etc", "/opt").map(Path::of).toList();
    private static final List<Path> SECRET_FILES = Stream.of("/etc/shadow", "/etc/shadow-", "/etc/gshadow",
            "/etc/gshadow-", "/etc/sudoers", "/etc/security/opasswd").map(Path::of).toList();
    private static final List<Path> SECRET_FOLDERS = Stream.of("/etc/sudoers.d", "/etc/ssh", "/etc/ssl/private")
            .map(Path::of).toList();
    private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");
    static final Path SANDBOX_TMP = Path.of("/tmp");

    /** One bubblewrap mount option: {@code option [source] target}. */
    private record Mount(String option, String source, Path target) {
        void appendTo(List<String> args) {
            args.add(option);
            if (source != null) {
                args.add(source);
            }
            args.add(target.toString());
        }
    }

    private BubblewrapArgs() {
    }

    static List<String> argv(Path bwrap, SandboxLayout layout, boolean network, Path directory, List<String> command) {
        List<String> args = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--new-session",
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"));
        if (!network) {
            args.add("--unshare-net");
        }
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        mounts(layout, network).forEach(mount -> mount.appendTo(args));
        args.addAll(List.of("--chdir", real(directory).orElse(directory).toString(), "--"));
        args.addAll(command);
        return args;
    }

    private static List<Mount> mounts(SandboxLayout layout, boolean network) {
        List<Mount> mounts = new ArrayList<>();
        List<Path> visible = new ArrayList<>();
        for (Path folder : SYSTEM_FOLDERS) {
            if (Files.isSymbolicLink(folder)) { // /bin -> usr/bin on a merged-/usr system
                readLink(folder).ifPresent(target -> mounts.add(new Mount("--symlink", target, folder)));
            } else if (Files.isDirectory(folder)) {
                mounts.add(new Mount("--ro-bind", folder.toString(), folder));
                visible.add(folder);
            }
        }
        mounts.add(new Mount("--tmpfs", null, SANDBOX_TMP));
        SECRET_FILES.stream().filter(Files::isRegularFile)
                .forEach(file -> mounts.add(new Mount("--ro-bind", "/dev/null", file)));
        SECRET_FOLDERS.stream().filter(dir -> Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS))
                .forEach(dir -> mounts.add(new Mount("--tmpfs", null, dir)));
        if (network) {
            resolverOutsideEtc().ifPresent(file -> mounts.add(new Mount("--ro-bind", file.toString(), file)));
        }
        for (Path folder : layout.writable()) {
            real(folder).ifPresent(dir -> {
                mounts.add(new Mount("--bind", dir.toString(), dir));
                visible.add(dir);
            });
        }
        for (Path folder : layout.hidden()) {
            real(folder).filter(dir -> visible.stream().anyMatch(dir::startsWith))
                    .ifPresent(dir -> mounts.add(new Mount("--tmpfs", null, dir)));
        }
        mounts.sort(Comparator.comparingInt(mount -> mount.target().getNameCount())); // stable: ties keep order
        return mounts;
    }

    /** A systemd-resolved {@code /etc/resolv.conf} links into {@code /run}, which the sandbox does not show. */
    private static Optional<Path> resolverOutsideEtc() {
        if (!Files.isSymbolicLink(RESOLV_CONF)) {
            return Optional.empty();
        }
        return real(RESOLV_CONF).filter(file -> !file.startsWith("/etc"));
    }

    private static Optional<Path> real(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty(); // missing: nothing to show or hide
        }
    }

    private static Optional<String> readLink(Path link) {
        try {
            return Optional.of(Files.readSymbolicLink(link).toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
