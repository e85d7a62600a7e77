package gomikrobot.tools;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import gomikrobot.policy.Decision;
import gomikrobot.policy.PolicyEngine;
import gomikrobot.policy.PolicyRequest;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The single choke point between the model and the tools. {@link #execute} looks the tool up, parses the
 * arguments, asks the policy engine (at the tier the engine resolves for the tool, {@code tools.tiers} included;
 * when the owner must approve the call, this waits for their answer), checks the arguments against the schema,
 * runs the tool, turns any {@link RuntimeException} into a {@link ToolResult.Failed}, times the call (the wait
 * for approval included) and reports it to the recorder. Whatever happens, the caller gets a
 * {@link ToolResult}. Thread-safe: tools that come and go while running (an MCP server's) are swapped in with
 * {@link #replace}, copy-on-write, so a reader always sees one whole, sorted set.
 */
public final class ToolRegistry {
    /** What OpenAI-compatible APIs accept as a function name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private volatile Snapshot current;
    private final PolicyEngine policy;
    private final ToolCallRecorder recorder;
    private final Clock clock;
    private final Log log;

    /** The tools by name, sorted (keeps the prompt prefix cacheable), and their definitions in that order. */
    private record Snapshot(Map<String, Tool> tools, List<Map<String, Object>> definitions) {
        static Snapshot of(Map<String, Tool> byName) {
            return new Snapshot(Collections.unmodifiableMap(byName),
                    byName.values().stream().map(ToolRegistry::definition).toList());
        }
    }

    public ToolRegistry(List<Tool> tools, PolicyEngine policy, ToolCallRecorder recorder, Clock clock, Log log) {
        this.current = Snapshot.of(withAdded(new TreeMap<>(), tools));
        this.policy = policy;
        this.recorder = recorder;
        this.clock = clock;
        this.log = log;
    }

    /** OpenAI function-tool objects {@code {"type":"function","function":{name,description,parameters}}}, by name. */
    public List<Map<String, Object>> definitions() {
        return current.definitions();
    }

    public Set<String> names() {
        return current.tools().keySet();
    }

    /**
     * Removes the tools named {@code removed} and adds {@code added}, in one step: a turn sees the set before or
     * after, never half of it. Names not registered are ignored; an added name already taken is an error.
     */
    public synchronized void replace(Collection<String> removed, Collection<? extends Tool> added) {
        Map<String, Tool> next = new TreeMap<>(current.tools());
        next.keySet().removeAll(removed);
        current = Snapshot.of(withAdded(next, added));
    }

    /**
     * The tier a registered tool runs at ({@code tools.tiers} or its own); unknown names are an error (they are
     * refused before policy anyway).
     */
    public int tierOf(String name) {
        Tool tool = current.tools().get(name);
        if (tool == null) {
            throw new IllegalArgumentException("unknown tool: " + name);
        }
        return policy.tierOf(name, tool.tier());
    }

    /**
     * Runs one tool call from the model; never throws for anything the model or the tool does.
     *
     * @throws InterruptedException when a wait for the owner's approval is cut short (the gateway stops)
     */
    public ToolResult execute(String name, String argumentsJson, String toolCallId, ToolContext ctx)
            throws InterruptedException {
        long start = clock.millis();
        ToolResult result = decideAndRun(name, argumentsJson, ctx);
        long durationMs = Math.max(0, clock.millis() - start);
        try {
            recorder.record(new ToolCallRecord(ctx, toolCallId, name, argumentsJson, result, durationMs));
        } catch (RuntimeException e) {
            // losing the record must not lose the result the model is waiting for
            log.unexpected("Tool call not recorded", e, "tool", name, "trace_id", ctx.traceId());
        }
        return result;
    }

    private static Optional<String> refusalOf(Tool tool, JsonObject args) {
        try {
            return tool.refusal(args);
        } catch (RuntimeException e) {
            return Optional.of("arguments refused: " + e.getMessage()); // e.g. a wrongly typed argument
        }
    }

    /** The arguments as the owner reads them; the JSON when the tool cannot render arguments of the wrong shape. */
    private static String summaryOf(Tool tool, JsonObject args) {
        try {
            return tool.summary(args);
        } catch (RuntimeException e) {
            return Json.write(args.asMap());
        }
    }

    private ToolResult decideAndRun(String name, String argumentsJson, ToolContext ctx) throws InterruptedException {
        Tool tool = name == null ? null : current.tools().get(name);
        if (tool == null) {
            return new ToolResult.Failed("unknown tool: " + name + " (available: " + String.join(", ", names()) + ")");
        }
        Object parsed;
        try {
            parsed = argumentsJson == null || argumentsJson.isBlank() ? Map.of() : Json.parse(argumentsJson);
        } catch (JsonException e) {
            return new ToolResult.Failed("arguments for " + name + " are not valid JSON: " + e.describe());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return new ToolResult.Failed("arguments for " + name + " must be a JSON object");
        }
        JsonObject args = JsonObject.of(map);
        PolicyRequest request = new PolicyRequest(ctx.traceId(), ctx.taskId(), name, tierOf(name), ctx.senderId(),
                ctx.channel(), ctx.internal());
        Decision decision = policy.decide(request, refusalOf(tool, args), argumentsJson, summaryOf(tool, args));
        if (decision instanceof Decision.Deny deny) {
            return new ToolResult.Denied(deny.explained());
        }
        Optional<String> problem = ArgumentCheck.problem(tool.parameters(), args);
        if (problem.isPresent()) {
            return new ToolResult.Failed(problem.get());
        }
        return run(tool, args, ctx);
    }

    private ToolResult run(Tool tool, JsonObject args, ToolContext ctx) {
        try {
            ToolResult result = tool.execute(args, ctx);
            return result != null ? result : new ToolResult.Failed(tool.name() + " returned no result");
        } catch (RuntimeException e) {
            if (e instanceof JsonException j) { // the model's arguments did not fit: its mistake, told back to it
                log.warn("Tool arguments rejected", "tool", tool.name(), "trace_id", ctx.traceId(), "error", j.describe());
                return new ToolResult.Failed(j.describe());
            }
            log.unexpected("Tool threw", e, "tool", tool.name(), "trace_id", ctx.traceId());
            String message = e.getMessage();
            return new ToolResult.Failed(message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
        }
    }

    private static Map<String, Tool> withAdded(Map<String, Tool> byName, Collection<? extends Tool> tools) {
        for (Tool tool : tools) {
            requireWellFormed(tool);
            if (byName.putIfAbsent(tool.name(), tool) != null) {
                throw new IllegalArgumentException("two tools are named " + tool.name());
            }
        }
        return byName;
    }

    private static void requireWellFormed(Tool tool) {
        if (tool.name() == null || !NAME.matcher(tool.name()).matches()) {
            throw new IllegalArgumentException("tool name must be 1-64 letters, digits, _ or -: " + tool.name());
        }
        if (!"object".equals(tool.parameters().get("type"))) {
            throw new IllegalArgumentException("parameters of " + tool.name() + " must be a schema of type object");
        }
        if (tool.tier() < 0) {
            throw new IllegalArgumentException("tier of " + tool.name() + " must not be negative: " + tool.tier());
        }
    }

    private static Map<String, Object> definition(Tool tool) {
        Map<String, Object> function = Json.object(
                "name", tool.name(), "description", tool.description(), "parameters", tool.parameters());
        return Collections.unmodifiableMap(Json.object("type", "function", "function", Collections.unmodifiableMap(function)));
    }
}
