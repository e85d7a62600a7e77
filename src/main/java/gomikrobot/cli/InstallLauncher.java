package gomikrobot.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The POSIX shell launcher {@code gomikrobot install} writes to {@code PREFIX/bin/gomikrobot}. The first start
 * finds a Java 25 or newer ({@code $JAVA_HOME}, then {@code java} on PATH, then {@code /usr/lib/jvm} and macOS's
 * JavaVirtualMachines) and remembers it in the home's {@code cache/java}; later starts use it without looking
 * again (no {@code java -version} run) until that file disappears or {@code JAVA_HOME} changes. It says what to
 * install when there is none, and {@code exec}s the jar with {@link #JVM_DEFAULTS} (a small always-on service;
 * every command but the gateway with the {@link #QUICK_JIT quick compiler} alone), then
 * {@code GOMIKROBOT_JAVA_OPTS} (later options win), so arguments, signals and the exit code pass straight through.
 * JVM messages go to stderr, never into an answer on stdout.
 */
final class InstallLauncher {
    static final int MIN_JAVA = 25;
    /**
     * A bounded heap that grows only as far as the live data needs (the serial collector, started small: a
     * gateway's live data is about 10 MiB; the memory index takes 160 MiB per 100,000 chunks), unused native
     * memory handed back to the system, and a clean exit rather than a half-working gateway when the heap is
     * exhausted. {@code GOMIKROBOT_JAVA_OPTS=-Xmx1g} raises the bound; naming another collector there replaces
     * the serial one.
     */
    static final List<String> JVM_DEFAULTS = List.of("-Xms16m", "-Xmx256m", "-XX:TrimNativeHeapInterval=5000",
            "-XX:+ExitOnOutOfMemoryError");
    static final String DEFAULT_GC = "-XX:+UseSerialGC";
    /** For every command but {@code gateway}: short runs do not live to profit from the optimising compiler. */
    static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

    private static final String TEMPLATE = """
            #!/bin/sh
            # GoMikroBot launcher, written by `gomikrobot install`. Runs the jar below on Java @MIN@ or newer. The
            # first start looks at $JAVA_HOME, then java on PATH, then /usr/lib/jvm and
            # /Library/Java/JavaVirtualMachines, and remembers what it found in the home's cache/java; later starts
            # use that until it disappears or JAVA_HOME changes (delete the file to make it look again).
            # JVM options: the defaults below, then GOMIKROBOT_JAVA_OPTS (e.g. -Xmx1g), whose options win.
            JAR=@JAR@
            NEED=@MIN@
            JVM_DEFAULTS='@DEFAULTS@'
            GC_DEFAULT='@GC@'
            REMEMBERED="${GOMIKROBOT_HOME:-${HOME:-}/.gomikrobot}/cache/java"

            if [ ! -r "$JAR" ]; then
                echo "gomikrobot: $JAR is missing; install again with \\`gomikrobot install\\`" >&2
                exit 1
            fi

            found=""
            if [ -r "$REMEMBERED" ]; then # line 1: the java binary; line 2: the JAVA_HOME it was found under
                { read -r java_seen; read -r home_seen; } < "$REMEMBERED"
                if [ -x "$java_seen" ] && [ "$home_seen" = "${JAVA_HOME:-}" ]; then found=$java_seen; fi
            fi

            if [ -z "$found" ]; then
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
                        echo "  looked at JAVA_HOME (unset), java on PATH (none)," \\
                            "${GOMIKROBOT_JVM_DIRS:-/usr/lib/jvm}." >&2
                    fi
                    echo "  Install a Java $NEED runtime, e.g. Eclipse Temurin $NEED from https://adoptium.net," >&2
                    echo "  your distribution's OpenJDK $NEED package, or on macOS: brew install --cask temurin;" >&2
                    echo "  then run gomikrobot again (or point JAVA_HOME at it)." >&2
                    exit 1
                fi
                # best effort: a home that cannot be written only means looking again next time; created
                # private, as gomikrobot creates its home
                (umask 077 && mkdir -p "${REMEMBERED%/*}" \\
                    && printf '%s\\n%s\\n' "$found" "${JAVA_HOME:-}" > "$REMEMBERED.$$" \\
                    && mv -f "$REMEMBERED.$$" "$REMEMBERED") 2>/dev/null || rm -f "$REMEMBERED.$$" 2>/dev/null
            fi

            # naming a collector in GOMIKROBOT_JAVA_OPTS replaces the default one (the JVM refuses two)
            case " ${GOMIKROBOT_JAVA_OPTS:-}" in
                *" -XX:+Use"*GC*) GC_DEFAULT="" ;;
            esac
            # Every command but the gateway ends before the optimising compiler pays back its work: they get
            # the quick one alone (agent -m about a sixth faster).
            case "${1:-}" in
                gateway) JIT_DEFAULT="" ;;
                *) JIT_DEFAULT=@QUICK_JIT@ ;;
            esac
            # An AOT cache beside the jar (make aot; copied by install) halves start-up. The JVM ignores a stale
            # one and says so on stderr.
            AOT="${JAR%.jar}.aot"
            if [ -f "$AOT" ]; then
                set -- -XX:AOTCache="$AOT" -jar "$JAR" "$@"
            else
                set -- -jar "$JAR" "$@"
            fi
            # The options are split on spaces on purpose: each variable holds several. JVM warnings go to stderr;
            # trimnative's only one says that this C library (macOS, musl) cannot trim, which is not news.
            exec "$found" --enable-native-access=ALL-UNNAMED -Xlog:disable -Xlog:all=warning,trimnative=off:stderr \\
                $GC_DEFAULT $JIT_DEFAULT $JVM_DEFAULTS ${GOMIKROBOT_JAVA_OPTS:-} "$@"
            """;

    private InstallLauncher() {
    }

    /** The launcher text for an installed jar at {@code jar} (absolute). */
    static String script(Path jar) {
        String path = jar.toAbsolutePath().toString();
        if (path.contains("\n") || path.contains("\r")) {
            throw new IllegalArgumentException("install path must not contain a line break: " + path);
        }
        return TEMPLATE.replace("@MIN@", String.valueOf(MIN_JAVA)).replace("@JAR@", shellQuote(path))
                .replace("@DEFAULTS@", String.join(" ", JVM_DEFAULTS)).replace("@GC@", DEFAULT_GC)
                .replace("@QUICK_JIT@", QUICK_JIT);
    }

    /** Single-quoted for sh: a quote inside becomes {@code '"'"'}. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
