package gomikrobot.timeline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings tables that already exist (a database created by the Go program, whose older releases lacked columns
 * such as {@code tasks.total_tokens} or {@code timeline.metadata}) up to the shape a script declares. The script's
 * {@code CREATE TABLE} statements are run on a scratch in-memory database, and every column found there but
 * missing from the real table is added with its declared type, NOT NULL and default: the script stays the only
 * description of the schema, and nothing is done by trying statements and swallowing "duplicate column" errors.
 */
final class ColumnReconciler {
    private record Column(String name, String type, boolean notNull, String defaultSql, boolean unique) {
    }

    /** Adds what is missing and returns the added columns as {@code table.column}. */
    static List<String> addMissingColumns(Connection target, List<String> createTables) throws SQLException {
        Map<String, List<Column>> wanted = declaredColumns(createTables);
        List<String> added = new ArrayList<>();
        for (Map.Entry<String, List<Column>> table : wanted.entrySet()) {
            Set<String> present = columnNames(target, table.getKey());
            for (Column col : table.getValue()) {
                if (!present.contains(col.name())) {
                    addColumn(target, table.getKey(), col);
                    added.add(table.getKey() + "." + col.name());
                }
            }
        }
        return added;
    }

    private static void addColumn(Connection c, String table, Column col) throws SQLException {
        if (col.unique()) {
            throw new DatabaseException("table " + table + " has no column " + col.name()
                    + ", which must be UNIQUE; SQLite cannot add such a column, so this database cannot be upgraded");
        }
        if (col.notNull() && col.defaultSql() == null) {
            throw new DatabaseException("table " + table + " has no column " + col.name()
                    + ", which is NOT NULL without a default; this database cannot be upgraded");
        }
        StringBuilder sql = new StringBuilder("ALTER TABLE ").append(table).append(" ADD COLUMN ")
                .append(col.name()).append(' ').append(col.type());
        if (col.notNull()) {
            sql.append(" NOT NULL");
        }
        if (col.defaultSql() != null) {
            sql.append(" DEFAULT ").append(col.defaultSql());
        }
        try (Statement s = c.createStatement()) {
            s.execute(sql.toString());
        } catch (SQLException e) {
            throw new DatabaseException("cannot add column " + table + "." + col.name() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, List<Column>> declaredColumns(List<String> createTables) throws SQLException {
        Map<String, List<Column>> out = new LinkedHashMap<>();
        try (Connection scratch = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement s = scratch.createStatement()) {
            for (String sql : createTables) {
                s.execute(sql);
            }
            for (String table : tableNames(scratch)) {
                Set<String> unique = uniqueColumns(scratch, table);
                List<Column> cols = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + quote(table) + ")")) {
                    while (rs.next()) {
                        String name = rs.getString("name");
                        cols.add(new Column(name, rs.getString("type"), rs.getInt("notnull") == 1,
                                rs.getString("dflt_value"), rs.getInt("pk") > 0 || unique.contains(name)));
                    }
                }
                out.put(table, cols);
            }
        }
        return out;
    }

    private static List<String> tableNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static Set<String> uniqueColumns(Connection c, String table) throws SQLException {
        Set<String> out = new HashSet<>();
        List<String> indexes = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA index_list(" + quote(table) + ")")) {
            while (rs.next()) {
                if (rs.getInt("unique") == 1) {
                    indexes.add(rs.getString("name"));
                }
            }
        }
        for (String index : indexes) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA index_info(" + quote(index) + ")")) {
                while (rs.next()) {
                    out.add(rs.getString("name"));
                }
            }
        }
        return out;
    }

    static Set<String> columnNames(Connection c, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA table_info(" + quote(table) + ")")) {
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
