package gomikrobot.timeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading and binding column values the way the Go program stores them (NULL text as "", booleans as 1/0). */
final class Rows {
    @FunctionalInterface
    interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Rows() {
    }

    static String text(ResultSet rs, String column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? "" : v;
    }

    static Instant time(ResultSet rs, String column) throws SQLException {
        return Times.parseOrZero(rs.getString(column));
    }

    static Instant timeOrNull(ResultSet rs, String column) throws SQLException {
        return Times.parseNullable(rs.getString(column));
    }

    /** A BOOLEAN column; NULL counts as {@code ifNull} (the columns' own default). */
    static boolean bool(ResultSet rs, String column, boolean ifNull) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? ifNull : v != 0;
    }

    /** Binds parameters in order: String, Long, Integer, Boolean (as 1/0), Instant (as {@link Times#format}) or null. */
    static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            switch (v) {
                case null -> ps.setNull(i + 1, java.sql.Types.NULL);
                case String s -> ps.setString(i + 1, s);
                case Long l -> ps.setLong(i + 1, l);
                case Integer n -> ps.setInt(i + 1, n);
                case Boolean b -> ps.setInt(i + 1, b ? 1 : 0);
                case Instant t -> ps.setString(i + 1, Times.format(t));
                default -> throw new IllegalArgumentException("cannot bind " + v.getClass().getSimpleName());
            }
        }
    }

    static <T> List<T> list(Connection c, String sql, Mapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    static <T> Optional<T> first(Connection c, String sql, Mapper<T> mapper, Object... params) throws SQLException {
        List<T> rows = list(c, sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    static long scalar(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * One page of {@code select} (a query without WHERE), newest first by {@code created_at}, filtered by
     * {@code column = value} unless the value is blank.
     */
    static <T> List<T> newestPage(Connection c, String select, String column, String value, Mapper<T> mapper,
                                  int limit, int offset) throws SQLException {
        String order = " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
        return value.isBlank() ? list(c, select + order, mapper, limit, offset)
                : list(c, select + " WHERE " + column + " = ?" + order, mapper, value, limit, offset);
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
