package gomikrobot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layers of the README's architecture section, enforced: every {@code import gomikrobot.…} in
 * {@code src/main} goes to a package on the importer's line of the {@code layers} block or an earlier one, and
 * the packages never import each other in a cycle. Subpackages ({@code channels.whatsapp}, {@code tools.web},
 * {@code gateway.openai}) count as their top-level package.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/gomikrobot");
    private static final Pattern PACKAGE = Pattern.compile("^package gomikrobot\\.([a-z0-9]+)", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?gomikrobot\\.([a-z0-9]+)\\.",
            Pattern.MULTILINE);

    @Test
    void everyImportInSrcMainFollowsTheReadmesLayers() {
        Map<String, Integer> layers = readmeLayers();
        Map<String, Set<String>> imports = importsBetweenPackages();
        assertTrue(imports.getOrDefault("agent", Set.of()).contains("bus"), "the import scan sees nothing: " + imports);
        assertEquals(List.of(), violations(layers, imports));
    }

    @Test
    void aLowerPackageImportingAHigherOneOrACycleIsReported() {
        Map<String, Integer> layers = Map.of("bus", 1, "timeline", 1, "agent", 3, "delivery", 3, "channels", 3);
        Map<String, Set<String>> imports = Map.of("bus", Set.of("agent"), "delivery", Set.of("channels"),
                "channels", Set.of("delivery"), "timeline", Set.of("kafka"));
        assertEquals(List.of("bus imports agent, a higher layer", "kafka is missing from the README's layers",
                        "cycle: channels -> delivery -> channels"),
                violations(layers, imports));
    }

    /** What breaks the layering: imports of a higher or unknown layer, then cycles. */
    static List<String> violations(Map<String, Integer> layers, Map<String, Set<String>> imports) {
        List<String> found = new ArrayList<>();
        for (var entry : new TreeMap<>(imports).entrySet()) {
            String from = entry.getKey();
            for (String to : new TreeSet<>(entry.getValue())) {
                String unknown = !layers.containsKey(from) ? from : layers.containsKey(to) ? null : to;
                if (unknown != null) {
                    found.add(unknown + " is missing from the README's layers");
                } else if (layers.get(to) > layers.get(from)) {
                    found.add(from + " imports " + to + ", a higher layer");
                }
            }
        }
        cycle(imports).ifPresent(c -> found.add("cycle: " + String.join(" -> ", c)));
        return found;
    }

    private static Optional<List<String>> cycle(Map<String, Set<String>> imports) {
        Set<String> done = new HashSet<>();
        for (String start : new TreeSet<>(imports.keySet())) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> found = walk(start, imports, path, done);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> walk(String node, Map<String, Set<String>> imports,
                                                         List<String> path, Set<String> done) {
        int seen = path.indexOf(node);
        if (seen >= 0) {
            List<String> loop = new ArrayList<>(path.subList(seen, path.size()));
            loop.add(node);
            return Optional.of(loop);
        }
        if (done.contains(node)) {
            return Optional.empty();
        }
        path.add(node);
        for (String next : new TreeSet<>(imports.getOrDefault(node, Set.of()))) {
            Optional<List<String>> found = walk(next, imports, path, done);
            if (found.isPresent()) {
                return found;
            }
        }
        path.removeLast();
        done.add(node);
        return Optional.empty();
    }

    /** The README's {@code layers} block: one line per layer, lowest first, packages separated by commas. */
    private static Map<String, Integer> readmeLayers() {
        String readme = read(Path.of("README.md"));
        Matcher block = Pattern.compile("```layers\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README.md has no ```layers block");
        Map<String, Integer> layers = new HashMap<>();
        List<String> lines = block.group(1).lines().filter(l -> !l.isBlank()).toList();
        for (int layer = 0; layer < lines.size(); layer++) {
            for (String name : lines.get(layer).split(",")) {
                layers.put(name.strip(), layer);
            }
        }
        return layers;
    }

    /** For each top-level package of src/main, the other top-level packages it imports. */
    private static Map<String, Set<String>> importsBetweenPackages() {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String text = read(f);
                Matcher pkg = PACKAGE.matcher(text);
                assertTrue(pkg.find(), "no gomikrobot package in " + f);
                Set<String> targets = imports.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
                Matcher imp = IMPORT.matcher(text);
                while (imp.find()) {
                    if (!imp.group(1).equals(pkg.group(1))) {
                        targets.add(imp.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return imports;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
