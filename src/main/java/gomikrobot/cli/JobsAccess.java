package gomikrobot.cli;

import java.util.List;
import java.util.Map;

/**
 * Where {@code gomikrobot cron} reads and changes jobs: the running gateway's API, so its scheduler plans a change
 * at once, or, when no gateway answers, the database, read by the gateway when it starts. Jobs come back as the
 * API's JSON objects either way. A refusal is a {@link UsageException} when the request was malformed, else an
 * {@link IllegalStateException}; both carry the message to show.
 */
sealed interface JobsAccess extends AutoCloseable permits GatewayJobs, DatabaseJobs {
    List<Map<String, Object>> list() throws Exception;

    /** @param fields the fields of {@code POST /api/v1/jobs} */
    Map<String, Object> add(Map<String, String> fields) throws Exception;

    /** {@code remove}, {@code pause}, {@code resume} or {@code run} job {@code id}. */
    Map<String, Object> act(String action, long id) throws Exception;

    /** A line saying what a change means here, or "" when it needs none. */
    String note();

    @Override
    void close();
}
