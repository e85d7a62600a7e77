package gomikrobot.cli;

import java.nio.file.Path;

/**
 * The POSIX shell launcher {@code gomikrobot install} writes to {@code PREFIX/bin/gomikrobot}. It finds a Java
 * 25 or newer ({@code $JAVA_HOME}, then {@code java} on PATH, then {@code /usr/lib/jvm} and macOS's
 * JavaVirtualMachines), says what to install when there is none, and {@code exec}s the jar so arguments,
 * signals and the exit code pass straight through.
 */
final class InstallLauncher {
    static final int MIN_JAVA = 25;

    private static final String TEMPLATE = """
            #!/bin/sh
            # GoMikroBot launcher, written by `gomikrobot install`. Runs the jar below on Java @MIN@ or newer,
            # looking at $JAVA_HOME, then java on PATH, then /usr/lib/jvm and /Library/Java/JavaVirtualMachines.
            # Extra JVM options: GOMIKROBOT_JAVA_OPTS (e.g. -Xmx512m).
            JAR=@JAR@
            NEED=@MIN@

            if [ ! -r "$JAR" ]; then
                echo "gomikrobot: $JAR is missing; install again with \\`gomikrobot install\\`" >&2
                exit 1
            fi

            found=""
            tried=""
            consider() { # $1 = a java binary; keeps the first one that is Java $NEED or newer
                [ -n "$found" ] && return 0
                [ -n "$1" ] && [ -x "$1" ] || return 0
                v=$("$1" -version 2>&1 | sed -n '1s/^[^"]*"\\([0-9][0-9]*\\).*/\\1/p')
                tried="$tried
                $1 (version ${v:-unknown})"
                if [ -n "$v" ] && [ "$v" -ge "$NEED" ]; then found=$1; fi
            }

            [ -n "${JAVA_HOME:-}" ] && consider "$JAVA_HOME/bin/java"
            consider "$(command -v java 2>/dev/null)"
            # GOMIKROBOT_JVM_DIRS: folders of JDKs to search instead of the usual ones (space-separated)
            for d in ${GOMIKROBOT_JVM_DIRS:-/usr/lib/jvm /Library/Java/JavaVirtualMachines}; do
                for j in "$d"/*/bin/java "$d"/*/Contents/Home/bin/java; do
                    consider "$j"
                done
            done

            if [ -z "$found" ]; then
                echo "gomikrobot: needs Java $NEED or newer, and none was found." >&2
                if [ -n "$tried" ]; then
                    echo "  found only:$tried" >&2
                else
                    echo "  looked at JAVA_HOME (unset), java on PATH (none), ${GOMIKROBOT_JVM_DIRS:-/usr/lib/jvm}." >&2
                fi
                echo "  Install a Java $NEED runtime, e.g. Eclipse Temurin $NEED from https://adoptium.net," >&2
                echo "  your distribution's OpenJDK $NEED package, or on macOS: brew install --cask temurin;" >&2
                echo "  then run gomikrobot again (or point JAVA_HOME at it)." >&2
                exit 1
            fi

            # An AOT cache beside the jar (make aot; copied by install) halves start-up. The JVM ignores a stale
            # one; its messages go to stderr so they never mix with an answer on stdout.
            AOT="${JAR%.jar}.aot"
            if [ -f "$AOT" ]; then
                set -- -XX:AOTCache="$AOT" -Xlog:disable -Xlog:all=warning:stderr -jar "$JAR" "$@"
            else
                set -- -jar "$JAR" "$@"
            fi
            # GOMIKROBOT_JAVA_OPTS is split on spaces on purpose: it holds several options
            exec "$found" --enable-native-access=ALL-UNNAMED ${GOMIKROBOT_JAVA_OPTS:-} "$@"
            """;

    private InstallLauncher() {
    }

    /** The launcher text for an installed jar at {@code jar} (absolute). */
    static String script(Path jar) {
        String path = jar.toAbsolutePath().toString();
        if (path.contains("\n") || path.contains("\r")) {
            throw new IllegalArgumentException("install path must not contain a line break: " + path);
        }
        return TEMPLATE.replace("@MIN@", String.valueOf(MIN_JAVA)).replace("@JAR@", shellQuote(path));
    }

    /** Single-quoted for sh: a quote inside becomes {@code '"'"'}. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
