package gomikrobot.timeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A migration script from the class path, split into statements. The format is ours and kept simple on purpose:
 * {@code --} comment lines, statements ending with {@code ;} at the end of a line.
 */
record SqlScript(String name, List<String> statements) {

    static SqlScript load(String resource) {
        try (InputStream in = SqlScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new DatabaseException("migration script missing from the jar: " + resource);
            }
            return new SqlScript(resource, split(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new DatabaseException("cannot read migration script " + resource, e);
        }
    }

    List<String> createTables() {
        return statements.stream().filter(SqlScript::isCreateTable).toList();
    }

    List<String> others() {
        return statements.stream().filter(s -> !isCreateTable(s)).toList();
    }

    private static boolean isCreateTable(String sql) {
        return sql.toUpperCase(Locale.ROOT).startsWith("CREATE TABLE");
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("statement without ';' at the end of the script: " + current);
        }
        return List.copyOf(out);
    }
}
