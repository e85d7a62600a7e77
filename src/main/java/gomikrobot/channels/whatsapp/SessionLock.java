package gomikrobot.channels.whatsapp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second process off a WhatsApp session folder: an exclusive lock on {@code <sessionDir>/session.lock},
 * held for as long as this process uses the session. The operating system drops the lock when the process
 * ends, however it ends, so a crash never leaves a stale lock behind. The file names its holder (pid, host,
 * since when) so the process that loses can say who has the session.
 */
public final class SessionLock implements AutoCloseable {
    public static final String FILE = "session.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private SessionLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or who holds it. */
    public sealed interface Outcome {
        record Acquired(SessionLock lock) implements Outcome {
        }

        record Held(String holder) implements Outcome {
        }
    }

    /** Takes the lock for {@code what} ("gateway", "pairing"), without waiting; creates the folder if needed. */
    public static Outcome tryAcquire(Path sessionDir, String what) throws IOException {
        Files.createDirectories(sessionDir);
        Path file = sessionDir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very process holds it already, through another channel
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return new Outcome.Held(holder(file));
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(describe(what).getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new Outcome.Acquired(new SessionLock(channel, lock));
    }

    /** Releases the lock; the file stays (deleting it would let a third process lock a different file). */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "another process" : text;
        } catch (IOException e) {
            return "another process";
        }
    }

    private static String describe(String what) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        ProcessHandle self = ProcessHandle.current();
        return "a gomikrobot " + what + " (pid " + self.pid() + " on " + host
                + self.info().startInstant().map(at -> ", since " + at).orElse("") + ")";
    }
}
