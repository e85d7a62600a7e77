package gomikrobot.process;

import gomikrobot.files.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * A note, in the home's cache folder, that bubblewrap worked on this machine since it last booted, so that later
 * starts skip the probe ({@link Sandbox#choose} runs a real sandbox once: a process of its own, and 30 ms of the
 * wall time of every {@code agent -m} on the development machine).
 *
 * <p>The note holds the facts the verdict rests on and counts only while each one is unchanged: bubblewrap's path,
 * size and modification time, whether the sandbox shares the network, the kernel's boot id, this process's user
 * and mount namespaces (another container is another machine) and the kernel's switches for unprivileged user
 * namespaces. Only success is noted: a stale note can make {@code exec} fail, with bubblewrap's own error for the
 * model, but never run a command unconfined. Where a fact cannot be read (not Linux) nothing is noted and every
 * start probes, as before.
 */
final class BubblewrapNote {
    private static final String FORMAT = "bubblewrap worked, v1";
    private static final List<Path> USERNS_SWITCHES = List.of(Path.of("/proc/sys/kernel/unprivileged_userns_clone"),
            Path.of("/proc/sys/user/max_user_namespaces"),
            Path.of("/proc/sys/kernel/apparmor_restrict_unprivileged_userns"));

    private final Path file;
    private final Optional<String> facts;

    /** The note about {@code sandbox}, kept as {@code bwrap-works} in {@code cacheDir}; reads the facts once. */
    BubblewrapNote(Path cacheDir, Sandbox.Bubblewrap sandbox) {
        this.file = cacheDir.resolve("bwrap-works");
        this.facts = facts(sandbox);
    }

    /** Whether the sandbox worked since the machine booted and nothing it rests on has changed. */
    boolean vouches() {
        if (facts.isEmpty() || !Files.isRegularFile(file)) {
            return false;
        }
        try {
            return Files.readString(file).equals(facts.get());
        } catch (IOException | RuntimeException e) {
            return false; // unreadable: probe as if there were no note
        }
    }

    /** Notes that the sandbox just worked. Best effort: a home that cannot be written means probing again. */
    void record() {
        if (facts.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            AtomicFile.replace(file, out -> out.write(facts.get().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException notWritten) {
            // not noted: the next start probes again
        }
    }

    /** The facts the verdict rests on, one per line, or empty when one of the essential ones cannot be read. */
    private static Optional<String> facts(Sandbox.Bubblewrap sandbox) {
        try {
            BasicFileAttributes bwrap = Files.readAttributes(sandbox.binary(), BasicFileAttributes.class);
            StringBuilder facts = new StringBuilder(FORMAT).append('\n')
                    .append(sandbox.binary()).append(' ').append(bwrap.size()).append(' ')
                    .append(bwrap.lastModifiedTime().toMillis()).append('\n')
                    .append("network ").append(sandbox.network()).append('\n')
                    .append("boot ").append(firstLine(Path.of("/proc/sys/kernel/random/boot_id"))).append('\n')
                    .append(Files.readSymbolicLink(Path.of("/proc/self/ns/user"))).append(' ')
                    .append(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt"))).append('\n');
            for (Path sysctl : USERNS_SWITCHES) {
                String value = Files.isReadable(sysctl) ? firstLine(sysctl) : "absent";
                facts.append(sysctl.getFileName()).append(' ').append(value).append('\n');
            }
            return Optional.of(facts.toString());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The first line of a file under {@code /proc}, stripped. Not {@code Files.readString}: it trusts the size
     * such files report (0) and returned only the first byte of {@code max_user_namespaces} here.
     */
    private static String firstLine(Path file) throws IOException {
        return Files.readAllLines(file).stream().findFirst().orElse("").strip();
    }
}
