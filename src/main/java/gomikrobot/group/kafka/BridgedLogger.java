package gomikrobot.group.kafka;

import gomikrobot.observe.Log;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One SLF4J logger of {@link Slf4jBridge}: only Kafka's warnings and errors are enabled, and only while a log is
 * attached, so nothing else is even formatted.
 */
final class BridgedLogger extends LegacyAbstractLogger {
    private static final String KAFKA = "org.apache.kafka";

    private final transient AtomicReference<Log> target;
    private final boolean kafka;

    BridgedLogger(String name, AtomicReference<Log> target) {
        this.name = name;
        this.target = target;
        this.kafka = name.startsWith(KAFKA);
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return false;
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Log.Level.DEBUG);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Log.Level.WARN);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                               Throwable thrown) {
        Log log = target.get();
        if (log == null) { // detached since the isXxxEnabled check, which only Kafka's loggers pass
            return;
        }
        Log.Level ours = level == Level.ERROR ? Log.Level.WARN : Log.Level.DEBUG;
        String text = MessageFormatter.basicArrayFormat(pattern, args);
        if (thrown == null) {
            log.log(ours, text, "logger", name);
        } else {
            log.log(ours, text, "logger", name, "error", String.valueOf(thrown));
        }
    }

    private boolean enabled(Log.Level level) {
        Log log = target.get();
        return kafka && log != null && log.enabled(level);
    }
}
