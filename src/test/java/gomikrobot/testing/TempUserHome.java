package gomikrobot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points the JVM's {@code user.home} at an empty temp folder for each test, and back afterwards. For tests of
 * code around a library with defaults under the home (cobalt's {@code ~/.cobalt}): they can prove nothing is
 * written there, and nothing ever reaches the real home. Use with {@code @RegisterExtension}.
 */
public final class TempUserHome implements BeforeEachCallback, AfterEachCallback {
    private static final String PROPERTY = "user.home";
    private Path path;
    private String original;

    /** The temp folder {@code user.home} points at during the test. */
    public Path path() {
        return path;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        original = System.getProperty(PROPERTY);
        path = Files.createTempDirectory("gmb-user-home");
        System.setProperty(PROPERTY, path.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        System.setProperty(PROPERTY, original);
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
