package gomikrobot.group.kafka;

import gomikrobot.observe.Log;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The jar's one SLF4J provider (registered in {@code META-INF/services}): the lines Kafka's client writes through
 * SLF4J go to the running group's {@link Log} — its errors as warnings, its warnings (a broker that cannot be
 * reached, retried every second) as debug lines, the rest nowhere — and every other library's (cobalt's) nowhere,
 * as the provider it replaces did. The group's own lines say what matters (connected, unreachable, dropped).
 *
 * <p>SLF4J binds one provider per JVM and creates it itself, so the log it writes to can only be handed over
 * through the one static reference below ({@link #attach}); with none attached every line is dropped.
 */
public final class Slf4jBridge implements SLF4JServiceProvider {
    private static final AtomicReference<Log> TARGET = new AtomicReference<>();

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, n -> new BridgedLogger(n, TARGET));

    /** Sends Kafka's lines to {@code log} from now on (the most recent group's log wins). */
    static void attach(Log log) {
        TARGET.set(log);
    }

    /** Stops sending lines to {@code log}, unless another group's log took its place. */
    static void detach(Log log) {
        TARGET.compareAndSet(log, null);
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: loggers are made on demand
    }
}
