package gomikrobot.config;

import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One entry of {@code tools.mcpServers}, in the shape other MCP clients use: {@code {"command", "args", "env"}}
 * starts a server on stdio, {@code {"url", "headers"}} talks to one over Streamable HTTP ({@code "type"} may say
 * which; {@code "sse"}, the old transport, is refused). Ours: {@code tier} (0-3, default 1) for its tools,
 * {@code timeout} (seconds per call, default 60), {@code disabled}. Keys we do not know are ignored, so an entry
 * copied from another client's configuration works as it is.
 */
public record McpServerConfig(String name, Transport transport, int tier, Duration timeout, boolean disabled) {
    public static final int DEFAULT_TIER = 1;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "mcp-session-id", "mcp-protocol-version");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Values that cannot be secrets, and that the log would otherwise hide from every line. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("(?i)true|false|yes|no|on|off|\\d{1,6}");

    /** How the server is reached. */
    public sealed interface Transport permits Stdio, Http {
    }

    /** A child process speaking JSON-RPC on its stdin and stdout. */
    public record Stdio(String command, List<String> args, Map<String, String> env) implements Transport {
        public Stdio {
            args = List.copyOf(args);
            env = Map.copyOf(env);
        }
    }

    /** An MCP endpoint speaking Streamable HTTP. */
    public record Http(URI url, Map<String, String> headers) implements Transport {
        public Http {
            headers = Map.copyOf(headers);
        }
    }

    /** Reads {@code tools.mcpServers}; errors name the entry and the field ({@code tools.mcpServers.x.args}). */
    static Map<String, McpServerConfig> parseAll(Map<String, Object> section) {
        Map<String, McpServerConfig> servers = new TreeMap<>();
        section.forEach((name, raw) -> servers.put(name, parse(name, raw)));
        return servers;
    }

    static McpServerConfig parse(String name, Object raw) {
        String key = "tools.mcpServers." + name;
        if (name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("tools.mcpServers: a server name must be 1-64 characters: \"" + name + "\"");
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(key + " must be an object");
        }
        try {
            JsonObject entry = JsonObject.of(map);
            long tier = entry.integer("tier", DEFAULT_TIER);
            long seconds = entry.integer("timeout", DEFAULT_TIMEOUT.toSeconds());
            if (tier < 0 || tier > 3) {
                throw new IllegalArgumentException(key + ".tier must be 0-3, got " + tier);
            }
            if (seconds < 1 || seconds > 3600) {
                throw new IllegalArgumentException(key + ".timeout must be 1-3600 seconds, got " + seconds);
            }
            return new McpServerConfig(name, transport(key, entry), (int) tier, Duration.ofSeconds(seconds),
                    entry.bool("disabled", false));
        } catch (JsonException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    /** {@code stdio} or {@code http}, as status lines say it. */
    public String transportName() {
        return switch (transport) {
            case Stdio s -> "stdio";
            case Http h -> "http";
        };
    }

    /** Header values and env values (not the plain words and small numbers no one would keep secret). */
    public List<String> secrets() {
        List<String> values = new ArrayList<>(switch (transport) {
            case Stdio s -> s.env().values();
            case Http h -> h.headers().values();
        });
        for (String value : List.copyOf(values)) {
            int space = value.lastIndexOf(' ');
            if (space > 0) {
                values.add(value.substring(space + 1)); // the token of "Bearer <token>", logged alone
            }
        }
        values.removeIf(v -> v.isBlank() || PLAIN_VALUE.matcher(v.strip()).matches());
        return values;
    }

    private static Transport transport(String key, JsonObject entry) {
        String type = entry.string("type", "").strip().toLowerCase(Locale.ROOT).replace("_", "-");
        boolean hasCommand = entry.has("command");
        boolean hasUrl = entry.has("url");
        if (type.equals("sse")) {
            throw new IllegalArgumentException(key + ": the old SSE transport is not supported; use the server's"
                    + " Streamable HTTP endpoint (type \"http\")");
        }
        if (!Set.of("", "stdio", "http", "streamable-http", "streamablehttp").contains(type)) {
            throw new IllegalArgumentException(key + ".type must be stdio or http, got \"" + type + "\"");
        }
        if (hasCommand == hasUrl) {
            throw new IllegalArgumentException(key + " needs either \"command\" (stdio) or \"url\" (Streamable HTTP)");
        }
        if (hasCommand != type.equals("stdio") && !type.isEmpty()) {
            throw new IllegalArgumentException(key + ": type \"" + type + "\" does not fit "
                    + (hasCommand ? "\"command\"" : "\"url\""));
        }
        return hasCommand ? stdio(key, entry) : http(key, entry);
    }

    private static Stdio stdio(String key, JsonObject entry) {
        String command = entry.string("command", "").strip();
        if (command.isEmpty()) {
            throw new IllegalArgumentException(key + ".command must not be empty");
        }
        return new Stdio(command, entry.strings("args"), strings(key + ".env", entry.object("env")));
    }

    private static Http http(String key, JsonObject entry) {
        String text = entry.string("url", "").strip();
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + ".url is not a URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException(key + ".url must be an http:// or https:// URL, got \"" + text + "\"");
        }
        Map<String, String> headers = strings(key + ".headers", entry.object("headers"));
        headers.forEach((header, value) -> {
            if (!HEADER_NAME.matcher(header).matches() || RESTRICTED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(key + ".headers: \"" + header + "\" cannot be set here");
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException(key + ".headers." + header + " must be one line");
            }
        });
        return new Http(url, headers);
    }

    private static Map<String, String> strings(String key, JsonObject object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.asMap().forEach((name, value) -> {
            if (!(value instanceof String text)) {
                throw new IllegalArgumentException(key + "." + name + " must be a string");
            }
            values.put(name, text);
        });
        return values;
    }
}
