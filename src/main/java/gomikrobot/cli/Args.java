package gomikrobot.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Hand-written argument parsing: {@code --name value}, {@code --name=value}, {@code -m value}, boolean flags,
 * and positional arguments. Each command declares which options take a value and which are flags; anything
 * else is a {@link UsageException}.
 */
final class Args {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {
    }

    /**
     * @param valued options that take a value, e.g. {@code "-m", "--message"}; aliases map to their first name
     * @param flags  options without a value
     */
    static Args parse(List<String> raw, Map<String, String> valued, Set<String> flags) {
        Args args = new Args();
        for (int i = 0; i < raw.size(); i++) {
            String a = raw.get(i);
            if (a.equals("--")) {
                args.positional.addAll(raw.subList(i + 1, raw.size()));
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                args.positional.add(a);
                continue;
            }
            String name = a;
            String inlineValue = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                inlineValue = a.substring(eq + 1);
            }
            if (flags.contains(name)) {
                if (inlineValue != null) {
                    throw new UsageException(name + " takes no value");
                }
                args.options.put(name, "true");
            } else if (valued.containsKey(name)) {
                String value = inlineValue;
                if (value == null) {
                    if (i + 1 >= raw.size()) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = raw.get(++i);
                }
                args.options.put(valued.get(name), value);
            } else {
                throw new UsageException("unknown option " + name);
            }
        }
        return args;
    }

    static Args none(List<String> raw) {
        return parse(raw, Map.of(), Set.of());
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** The option's value turned into a {@code T} by {@code parse}; its refusal is a usage error naming the option. */
    <T> Optional<T> option(String name, Function<String, T> parse) {
        try {
            return option(name).map(parse);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new UsageException(message.startsWith(name) ? message : name + ": " + message);
        }
    }

    /**
     * A secret given as {@code NAME VALUE} or, to keep it out of the process list, as {@code NAME-env VARIABLE}
     * (read from that environment variable); both {@code NAME} and {@code NAME-env} must be declared.
     */
    Optional<String> secret(String name, Map<String, String> env) {
        Optional<String> direct = option(name);
        Optional<String> fromEnv = option(name + "-env");
        if (direct.isPresent() && fromEnv.isPresent()) {
            throw new UsageException(name + " and " + name + "-env exclude each other");
        }
        if (fromEnv.isPresent()) {
            String value = env.get(fromEnv.get());
            if (value == null || value.isBlank()) {
                throw new UsageException(name + "-env: environment variable " + fromEnv.get() + " is not set");
            }
            return Optional.of(value);
        }
        return direct;
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    /** yes/no, also y/n, true/false, on/off. @throws IllegalArgumentException naming {@code option} otherwise */
    static boolean yesNo(String option, String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "on" -> true;
            case "no", "n", "false", "off" -> false;
            default -> throw new IllegalArgumentException(option + " must be yes or no, got " + text);
        };
    }

    List<String> positional() {
        return List.copyOf(positional);
    }

    /** Fails with a usage error when there are positional arguments beyond {@code max}. */
    Args atMostPositional(int max) {
        if (positional.size() > max) {
            throw new UsageException("unexpected argument " + positional.get(max));
        }
        return this;
    }
}
