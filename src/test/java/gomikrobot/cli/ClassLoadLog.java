package gomikrobot.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM's own log of the classes a program process loads, one line each: what tells, from outside, that a
 * path of the program set nothing up that it did not need (TLS, an HTTP client, Kafka).
 */
final class ClassLoadLog {
    private ClassLoadLog() {
    }

    /** The JVM option that writes the log to {@code file}. */
    static String option(Path file) {
        return "-Xlog:class+load=info:file=" + file;
    }

    /** The lines of the log in {@code file} that contain {@code name}, e.g. {@code " sun.security.ssl."}. */
    static List<String> matching(Path file, String name) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> line.contains(name)).toList();
    }
}
