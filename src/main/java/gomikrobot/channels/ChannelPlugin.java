package gomikrobot.channels;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A channel that ships as an optional part of the build (WhatsApp, whose client library is large and not on
 * every build path: the JBang script runs without it). Found through {@link ServiceLoader} only when the
 * configuration enables it, so its classes are not even loaded otherwise.
 */
public interface ChannelPlugin {
    String name();

    Channel create(ChannelContext context);

    /**
     * The channel {@code name} built from its plugin when {@code enabled}, else none.
     *
     * @throws IllegalStateException when it is enabled but this build has no such plugin
     */
    static Optional<Channel> createIfEnabled(String name, boolean enabled, ChannelContext context) {
        if (!enabled) {
            return Optional.empty();
        }
        ChannelPlugin plugin = find(name).orElseThrow(() -> new IllegalStateException("channels." + name
                + ".enabled is true, but this build has no " + name + " support (the JBang script leaves it out;"
                + " use the jar)"));
        return Optional.of(plugin.create(context));
    }

    /** The plugin of that name in this build, if any. */
    static Optional<ChannelPlugin> find(String name) {
        return ServiceLoader.load(ChannelPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name))
                .findFirst();
    }
}
