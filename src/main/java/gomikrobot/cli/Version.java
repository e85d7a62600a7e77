package gomikrobot.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The application version, from the resource Maven fills in from pom.xml (the one place it is kept). */
final class Version {
    private Version() {
    }

    static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/gomikrobot/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
