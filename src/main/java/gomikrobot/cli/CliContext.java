package gomikrobot.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Everything a command may touch of the outside world, passed in so tests can run commands in-process with
 * their own environment, home and streams. {@code userHome} is where {@code ~} points.
 */
record CliContext(Map<String, String> env, Path userHome, InputStream in, PrintStream out, PrintStream err,
                  Clock clock) {

    static CliContext system() {
        return new CliContext(System.getenv(), Path.of(System.getProperty("user.home")), System.in, System.out,
                System.err, Clock.systemUTC());
    }
}
