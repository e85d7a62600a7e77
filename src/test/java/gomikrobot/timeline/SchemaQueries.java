package gomikrobot.timeline;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Schema inspection for tests, through the public read callback. */
final class SchemaQueries {
    private SchemaQueries() {
    }

    static List<String> tables(Database db) {
        // the keyword index of semantic memory (V2) is ours, added beside the guide's tables
        return strings(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'memory_chunks_fts%'"
                + " ORDER BY name", 1);
    }

    static List<String> namedIndexes(Database db) {
        return strings(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name", 1);
    }

    static List<String> columns(Database db, String table) {
        return strings(db, "PRAGMA table_info(" + table + ")", 2);
    }

    static String declaredType(Database db, String table, String column) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
                while (rs.next()) {
                    if (rs.getString("name").equals(column)) {
                        return rs.getString("type");
                    }
                }
                return null;
            }
        });
    }

    static int userVersion(Database db) {
        return db.read(Migrations::userVersion);
    }

    static List<String> strings(Database db, String sql, int column) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(column));
                }
            }
            return out;
        });
    }
}
