package gomikrobot.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Runs one command in-process through {@link Main} (so exit codes and error lines are the real ones) with its
 * own environment, user home and stdin, and keeps what it printed. Used by the onboard and install tests.
 */
record OnboardRun(int code, String out, String err) {

    static OnboardRun run(Command command, Map<String, String> env, Path userHome, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(env, userHome,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC());
        var argv = new java.util.ArrayList<String>();
        argv.add(command.name());
        argv.addAll(List.of(args));
        int code = new Main(Commands.of(List.of(command))).run(argv, ctx);
        return new OnboardRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Everything printed, for messages in failed assertions. */
    String all() {
        return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
