package gomikrobot.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An OpenAI-compatible server on loopback for tests: {@code /chat/completions} answers from a script (text, tool
 * calls, refusals, cut or filtered answers, no choices, error statuses, garbage, delays) and, when the script is
 * empty, with a default reply built from the last user message ({@code "echo: <text>"} unless changed), or a
 * default tool call, after a default delay. A request with {@code stream: true} gets its answer as server-sent
 * chunks ({@link FakeStream}), word by word with a pause between words when asked, held half way until a test
 * lets it go ({@link #holdNextStream}), or refused like a server that cannot stream ({@link #refuseStreams}). It
 * counts how many chat requests it answered at once. {@code /embeddings}, {@code /audio/transcriptions},
 * {@code /audio/speech} and {@code /models} answer deterministically. Every answer reports usage 10/5/15. Every
 * request is recorded. Safe to use from many threads.
 */
public final class FakeOpenAiServer implements AutoCloseable {
    public static final long PROMPT_TOKENS = 10;
    public static final long COMPLETION_TOKENS = 5;
    public static final long TOTAL_TOKENS = 15;
    public static final byte[] SPEECH_BYTES = "OggS-fake-opus-audio".getBytes(StandardCharsets.US_ASCII);
    public static final List<String> MODEL_IDS = List.of("gpt-4o-mini", "text-embedding-3-small", "whisper-1");

    /** One tool call in a scripted reply; {@code type} is {@code function} unless said otherwise. */
    public record Call(String name, String argumentsJson, String type) {
        public Call(String name, String argumentsJson) {
            this(name, argumentsJson, "function");
        }
    }

    private sealed interface Scripted {
        record Answer(FakeReply reply) implements Scripted {
        }

        record RawStream(String body) implements Scripted {
        }

        record Status(int status, String body, Map<String, String> headers) implements Scripted {
        }

        record Raw(String body) implements Scripted {
        }

        record Delay(Duration delay) implements Scripted {
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Deque<Scripted> script = new ConcurrentLinkedDeque<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile UnaryOperator<String> defaultReply = text -> "echo: " + text;
    private volatile Function<JsonObject, Optional<Call>> defaultToolCall = request -> Optional.empty();
    private volatile Function<JsonObject, Duration> defaultDelay = request -> Duration.ZERO;
    private final AtomicInteger chatsInFlight = new AtomicInteger();
    private final AtomicInteger mostChatsAtOnce = new AtomicInteger();
    private volatile int dimension = 8;
    private volatile Duration embeddingDelay = Duration.ZERO;
    private volatile String transcript = "transcribed by the fake server";
    private volatile String expectedKey;
    private volatile Duration streamPause = Duration.ZERO;
    private volatile boolean refusesStreams;
    private final AtomicReference<StreamHold> hold = new AtomicReference<>();

    private FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeOpenAiServer start() {
        try {
            return new FakeOpenAiServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake OpenAI server", e);
        }
    }

    /** For example {@code http://127.0.0.1:40123/v1}; use it as the provider's apiBase. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    // ---- script for /chat/completions ----

    public void enqueueText(String text) {
        script.add(new Scripted.Answer(FakeReply.text(text)));
    }

    /** A refusal with {@code content: null}, as OpenAI answers what a model declines. */
    public void enqueueRefusal(String refusal) {
        script.add(new Scripted.Answer(new FakeReply(null, refusal, List.of(), "stop", false)));
    }

    /** Text that ended for {@code finishReason}: {@code length} (cut at the token limit), {@code content_filter}. */
    public void enqueueFinish(String text, String finishReason) {
        script.add(new Scripted.Answer(new FakeReply(text, null, List.of(), finishReason, false)));
    }

    /** An answer with {@code choices: []}. */
    public void enqueueNoChoices() {
        script.add(new Scripted.Answer(new FakeReply(null, null, List.of(), null, true)));
    }

    /** Text followed by tool calls in the same answer (some models say what they are about to do). */
    public void enqueueTextAndToolCalls(String text, Call... calls) {
        script.add(new Scripted.Answer(new FakeReply(text, null, List.of(calls), "tool_calls", false)));
    }

    public void enqueueToolCall(String toolName, String argumentsJson) {
        enqueueToolCalls(new Call(toolName, argumentsJson));
    }

    /** Several tool calls in one reply, in this order; ids are {@code call_1}, {@code call_2}, … across the server. */
    public void enqueueToolCalls(Call... calls) {
        script.add(new Scripted.Answer(FakeReply.tools(List.of(calls))));
    }

    public void enqueueStatus(int status, String body, Map<String, String> headers) {
        script.add(new Scripted.Status(status, body, Map.copyOf(headers)));
    }

    /** A 200 answer with this exact body, JSON or not. */
    public void enqueueRaw(String body) {
        script.add(new Scripted.Raw(body));
    }

    /** A 200 {@code text/event-stream} answer with this exact body, whatever the request asked for. */
    public void enqueueRawStream(String body) {
        script.add(new Scripted.RawStream(body));
    }

    /** The next chat answer (scripted or default) is sent only after this pause. */
    public void enqueueDelay(Duration delay) {
        script.add(new Scripted.Delay(delay));
    }

    // ---- settings ----

    /** How the reply is built from the last user message when the script is empty. */
    public void setDefaultReply(UnaryOperator<String> fromLastUserMessage) {
        this.defaultReply = fromLastUserMessage;
    }

    /**
     * When the script is empty, the tool call to answer a request with (given the request's JSON), or empty for
     * the default text reply.
     */
    public void setDefaultToolCall(Function<JsonObject, Optional<Call>> chooser) {
        this.defaultToolCall = chooser;
    }

    /** Every unscripted chat answer is sent only after this pause (the server stays responsive meanwhile). */
    public void setDefaultDelay(Duration delay) {
        setDefaultDelay(request -> delay);
    }

    /** As {@link #setDefaultDelay(Duration)}, the pause chosen per request (given the request's JSON). */
    public void setDefaultDelay(Function<JsonObject, Duration> delay) {
        this.defaultDelay = delay;
    }

    /** Streamed answers wait this long before each word after the first (a model writing slowly). */
    public void setStreamPause(Duration pause) {
        this.streamPause = pause;
    }

    /** From now on a request with {@code stream: true} is refused with 400, as by a server that cannot stream. */
    public void refuseStreams() {
        this.refusesStreams = true;
    }

    /**
     * The next streamed answer stops after its first {@code afterPieces} pieces of text until the returned hold
     * is released (or 30 s pass, or the server closes), so a test can see what arrived before the answer ended.
     */
    public StreamHold holdNextStream(int afterPieces) {
        StreamHold next = new StreamHold(afterPieces, new CountDownLatch(1), new CountDownLatch(1));
        hold.set(next);
        return next;
    }

    /** Every {@code /embeddings} answer is sent only after this pause (a slow embeddings endpoint). */
    public void setEmbeddingDelay(Duration delay) {
        this.embeddingDelay = delay;
    }

    public void setEmbeddingDimension(int dimension) {
        this.dimension = dimension;
    }

    public void setTranscript(String transcript) {
        this.transcript = transcript;
    }

    /** From now on every request must carry {@code Authorization: Bearer <key>}, else 401 (echoing what was sent). */
    public void expectKey(String key) {
        this.expectedKey = key;
    }

    // ---- what was received ----

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many requests had a path ending with {@code pathSuffix} (e.g. "/chat/completions"). */
    public int count(String pathSuffix) {
        return (int) requests.stream().filter(r -> r.path().endsWith(pathSuffix)).count();
    }

    /** The most chat requests that were being answered at the same moment so far. */
    public int mostChatsAtOnce() {
        return mostChatsAtOnce.get();
    }

    /** The most recent request whose path ends with {@code pathSuffix}. */
    public RecordedRequest last(String pathSuffix) {
        return requests.reversed().stream().filter(r -> r.path().endsWith(pathSuffix)).findFirst()
                .orElseThrow(() -> new AssertionError("no request to " + pathSuffix));
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- handling ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange, exchange.getRequestBody().readAllBytes());
            } catch (JsonException e) {
                sendJson(exchange, 400, error("bad request JSON: " + e.describe()));
            }
        }
    }

    private void route(HttpExchange exchange, byte[] body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(new RecordedRequest(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body));
        String key = expectedKey;
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (key != null && !("Bearer " + key).equals(auth)) {
            String sent = auth == null ? "(none)" : auth.replaceFirst("^Bearer ", "");
            sendJson(exchange, 401, error("Incorrect API key provided: " + sent));
        } else if (path.endsWith("/chat/completions")) {
            chat(exchange, body);
        } else if (path.endsWith("/embeddings")) {
            if (embeddingDelay.isPositive() && waitOrClosed(embeddingDelay.toMillis())) {
                return;
            }
            sendJson(exchange, 200, FakeAnswers.embeddings(parse(body), dimension));
        } else if (path.endsWith("/audio/transcriptions")) {
            sendJson(exchange, 200, Json.write(Json.object("text", transcript)));
        } else if (path.endsWith("/audio/speech")) {
            send(exchange, 200, "audio/ogg", SPEECH_BYTES);
        } else if (path.endsWith("/models")) {
            sendJson(exchange, 200, FakeAnswers.models(MODEL_IDS));
        } else {
            sendJson(exchange, 404, error("unknown path " + path));
        }
    }

    private void chat(HttpExchange exchange, byte[] body) throws IOException {
        mostChatsAtOnce.accumulateAndGet(chatsInFlight.incrementAndGet(), Math::max);
        try {
            answerChat(exchange, body);
        } finally {
            chatsInFlight.decrementAndGet();
        }
    }

    private void answerChat(HttpExchange exchange, byte[] body) throws IOException {
        JsonObject request = parse(body);
        long delayMillis = 0;
        Scripted next = script.poll();
        while (next instanceof Scripted.Delay(Duration delay)) {
            delayMillis += delay.toMillis();
            next = script.poll();
        }
        if (next == null) {
            delayMillis += defaultDelay.apply(request).toMillis();
        }
        if (delayMillis > 0 && waitOrClosed(delayMillis)) {
            return;
        }
        String model = request.string("model", "fake-model");
        boolean stream = request.bool("stream", false);
        if (stream && refusesStreams && !(next instanceof Scripted.Status)) {
            sendJson(exchange, 400, Json.write(Json.object("error", Json.object("message",
                    "Unsupported value: 'stream' does not support true with this model.", "type",
                    "invalid_request_error", "param", "stream", "code", "unsupported_value"))));
            return;
        }
        if (next == null) {
            Optional<Call> toolCall = defaultToolCall.apply(request);
            next = new Scripted.Answer(toolCall.isPresent() ? FakeReply.tools(List.of(toolCall.get()))
                    : FakeReply.text(defaultReply.apply(FakeAnswers.lastUserText(request))));
        }
        switch (next) {
            case Scripted.Answer(FakeReply reply) when stream -> FakeStream.send(exchange, model, reply, ids,
                    request.object("stream_options").bool("include_usage", false), this::pauseStream);
            case Scripted.Answer(FakeReply reply) -> sendJson(exchange, 200, FakeAnswers.completion(model, reply, ids));
            case Scripted.Status(int status, String text, Map<String, String> headers) -> {
                headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                sendJson(exchange, status, text);
            }
            case Scripted.Raw(String raw) -> sendJson(exchange, 200, raw);
            case Scripted.RawStream(String raw) -> send(exchange, 200, "text/event-stream",
                    raw.getBytes(StandardCharsets.UTF_8));
            case Scripted.Delay delay -> throw new IllegalStateException("delays are consumed above");
        }
    }

    /** Between two pieces of a streamed text: the hold, if one is set for this point, then the pause. */
    private boolean pauseStream(int sentPieces) {
        StreamHold current = hold.get();
        if (current != null && current.afterPieces() == sentPieces && hold.compareAndSet(current, null)) {
            current.reached().countDown();
            try {
                if (!current.released().await(30, TimeUnit.SECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        long millis = streamPause.toMillis();
        return millis <= 0 || !waitOrClosed(millis);
    }

    /** True when the server was closed while waiting: then nobody is listening for the answer any more. */
    private boolean waitOrClosed(long millis) {
        try {
            return closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static JsonObject parse(byte[] body) {
        return Json.parseObject(new String(body, StandardCharsets.UTF_8));
    }

    private static String error(String message) {
        return Json.write(Json.object("error", Json.object("message", message, "type", "invalid_request_error")));
    }

    private static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }
}
