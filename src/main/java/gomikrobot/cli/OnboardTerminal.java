package gomikrobot.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The wizard's questions and answers: one line per answer from the command's input, and secrets read without
 * echo when the input is a real terminal. Without a terminal (tests, pipes) a secret is a plain line that is
 * never printed back. A question that cannot be answered because the input ended fails with
 * {@link InputEnded}; a yes/no question whose input ended takes its safe default.
 */
final class OnboardTerminal {
    private final BufferedReader in;
    private final PrintStream out;
    private final Console console;

    OnboardTerminal(BufferedReader in, PrintStream out, Console console) {
        this.in = in;
        this.out = out;
        this.console = console;
    }

    /** Reads the context's input; uses the console for secrets only when that input is the process's terminal. */
    static OnboardTerminal of(CliContext ctx) {
        Console console = System.console();
        boolean terminal = ctx.in() == System.in && console != null && console.isTerminal();
        BufferedReader reader = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8));
        return new OnboardTerminal(reader, ctx.out(), terminal ? console : null);
    }

    /** Asks once; an empty answer gives {@code defaultValue} (shown in brackets when not empty). */
    String ask(String question, String defaultValue) {
        out.print(defaultValue.isEmpty() ? question + ": " : question + " [" + defaultValue + "]: ");
        out.flush();
        String line = readLine();
        if (line == null) {
            throw new InputEnded(question);
        }
        String answer = line.strip();
        return answer.isEmpty() ? defaultValue : answer;
    }

    /** Asks for a secret without echo when possible; the answer is never written to the output. */
    String askSecret(String question) {
        String prompt = question + ": ";
        if (console != null) {
            char[] secret = console.readPassword("%s", prompt);
            if (secret == null) {
                throw new InputEnded(question);
            }
            return new String(secret).strip();
        }
        out.print(prompt);
        out.flush();
        String line = readLine();
        if (line == null) {
            throw new InputEnded(question);
        }
        out.println();
        return line.strip();
    }

    /** A yes/no question; an empty answer or ended input gives {@code defaultYes}. Asks again on anything else. */
    boolean confirm(String question, boolean defaultYes) {
        while (true) {
            out.print(question + (defaultYes ? " [Y/n]: " : " [y/N]: "));
            out.flush();
            String line = readLine();
            if (line == null) {
                out.println();
                return defaultYes;
            }
            switch (line.strip().toLowerCase(Locale.ROOT)) {
                case "" -> {
                    return defaultYes;
                }
                case "y", "yes" -> {
                    return true;
                }
                case "n", "no" -> {
                    return false;
                }
                default -> out.println("  please answer y or n");
            }
        }
    }

    void say(String line) {
        out.println(line);
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answer: " + e.getMessage(), e);
        }
    }

    /** The input ended before a question that has no safe default was answered. */
    static final class InputEnded extends RuntimeException {
        InputEnded(String question) {
            super("input ended at \"" + question + "\"; run `gomikrobot onboard` again, or use --non-interactive");
        }
    }
}
