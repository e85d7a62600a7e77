package gomikrobot.timeline;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of SQL handed to {@link Database#write} or {@link Database#read}. The connection is lent for the
 * duration of {@link #run} only: do not keep it, close it, or change its transaction state.
 */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
}
