package gomikrobot.provider;

import gomikrobot.media.MediaTypes;
import gomikrobot.config.ProviderConfig;
import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * {@link LlmProvider} for any server that speaks the OpenAI HTTP API: OpenAI itself, OpenRouter, Ollama, vLLM,
 * LM Studio… chosen by the configured base URL. Stateless apart from its collaborators and what it learned about
 * the server (whether it refuses streamed answers), so one instance serves all sessions at once. {@link #close}
 * shuts its HTTP client down.
 */
public final class OpenAiCompatibleProvider implements LlmProvider, AutoCloseable {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    public static final String DEFAULT_EMBEDDING_MODEL = "text-embedding-3-small";
    public static final String DEFAULT_TRANSCRIPTION_MODEL = "whisper-1";
    public static final String DEFAULT_SPEECH_MODEL = "tts-1";
    public static final String DEFAULT_VOICE = "alloy";
    public static final String DEFAULT_SPEECH_FORMAT = "opus";
    /** Inputs per embeddings request: well under every server's limit, few enough round trips for a soul file. */
    public static final int EMBEDDING_BATCH = 64;
    /** OpenAI's upload limit for transcription. */
    public static final long MAX_AUDIO_BYTES = 25L * 1024 * 1024;
    /** OpenAI's input limit for speech. */
    public static final int MAX_SPEECH_CHARS = 4096;

    private static final Set<String> SPEECH_FORMATS = Set.of("mp3", "opus", "aac", "flac", "wav", "pcm");
    private static final Set<Integer> STREAM_REFUSALS = Set.of(400, 404, 405, 415, 422, 501);
    private static final String JSON = "application/json";

    private final HttpTransport transport;
    private final Log log;
    /** Set once the server refused a streamed answer: from then on every answer is asked for whole. */
    private final AtomicBoolean streamsRefused = new AtomicBoolean();

    public OpenAiCompatibleProvider(ProviderConfig config, HttpClient http, RetryPolicy retry, Log log) {
        this(config, http, retry, REQUEST_TIMEOUT, log);
    }

    /** As the four-argument constructor, with a different per-attempt request timeout (tests use about a second). */
    public OpenAiCompatibleProvider(ProviderConfig config, HttpClient http, RetryPolicy retry, Duration requestTimeout,
                                    Log log) {
        this(config, Wire.of(http), retry, requestTimeout, log);
    }

    /** As above, over a {@link Wire} of the caller's choosing ({@link Wire#forBase} picks the fitting one). */
    public OpenAiCompatibleProvider(ProviderConfig config, Wire wire, RetryPolicy retry, Duration requestTimeout,
                                    Log log) {
        Objects.requireNonNull(config, "config");
        this.transport = new HttpTransport(config, wire, retry, requestTimeout, Clock.systemUTC(), log);
        this.log = log;
    }

    /** The production wiring: the wire for the base URL ({@link Wire#forBase}), standard retries. */
    public static OpenAiCompatibleProvider create(ProviderConfig config, Log log) {
        return new OpenAiCompatibleProvider(config, Wire.forBase(config.apiBase(), CONNECT_TIMEOUT),
                RetryPolicy.standard(), REQUEST_TIMEOUT, log);
    }

    @Override
    public ChatReply chat(ChatRequest request) {
        return chat(request, ChatListener.NONE);
    }

    /**
     * A listened-to answer is asked for as a stream, unless this server has refused streams before; an answer
     * with no choices at all ({@code choices: []}) is asked for once more before it counts as a failure.
     */
    @Override
    public ChatReply chat(ChatRequest request, ChatListener listener) {
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            boolean streamed = listener != ChatListener.NONE && !streamsRefused.get();
            Optional<ChatReply> answer = streamed ? streamed(request, listener) : whole(request, listener);
            if (answer.isPresent()) {
                ChatReply reply = answer.get();
                log.debug("LLM call finished", "model", reply.model(), "streamed", streamed,
                        "finish_reason", reply.finishReason(), "tool_calls", reply.toolCalls().size(),
                        "prompt_tokens", reply.usage().promptTokens(), "completion_tokens",
                        reply.usage().completionTokens(), "total_tokens", reply.usage().totalTokens(),
                        "duration_ms", (System.nanoTime() - started) / 1_000_000);
                return reply;
            }
            if (attempt == 2) {
                throw new ProviderException("LLM answered twice with no choices at all (choices: []): the provider "
                        + "sent nothing to read; try again later or choose another model", 200, false);
            }
            log.warn("LLM answered with no choices; asking once more", "model", request.model());
        }
    }

    @Override
    public Embeddings embed(List<String> texts, String model) {
        Objects.requireNonNull(texts, "texts");
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null || texts.get(i).isBlank()) {
                throw new ProviderException("Embeddings request failed: text " + i + " is empty", 0, false);
            }
        }
        String chosen = model == null || model.isBlank() ? DEFAULT_EMBEDDING_MODEL : model;
        Embeddings all = new Embeddings(List.of(), Usage.NONE);
        for (int from = 0; from < texts.size(); from += EMBEDDING_BATCH) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + EMBEDDING_BATCH));
            byte[] body = EmbeddingsCodec.requestBody(chosen, batch).getBytes(StandardCharsets.UTF_8);
            HttpTransport.Answer answer = transport.post(Operation.EMBEDDINGS, "/embeddings", JSON, body);
            all = all.plus(read(Operation.EMBEDDINGS, answer, text -> EmbeddingsCodec.read(text, batch.size())));
        }
        return all;
    }

    @Override
    public String transcribe(Path audioFile, String model) {
        byte[] audio = readAudio(audioFile);
        MultipartBody form = new MultipartBody(ThreadLocalRandom.current())
                .field("model", model == null || model.isBlank() ? DEFAULT_TRANSCRIPTION_MODEL : model)
                .field("response_format", "json")
                .file("file", audioFile.getFileName().toString(), MediaTypes.ofFileName(audioFile.getFileName().toString()), audio);
        String contentType = form.contentType();
        HttpTransport.Answer answer =
                transport.post(Operation.TRANSCRIPTION, "/audio/transcriptions", contentType, form.finish());
        return read(Operation.TRANSCRIPTION, answer, text -> Json.parseObject(text).string("text")
                .orElseThrow(() -> new JsonException("the answer has no text")));
    }

    @Override
    public byte[] speak(String text, String voice, String format) {
        if (text == null || text.isBlank()) {
            throw new ProviderException("Speech request failed: nothing to say", 0, false);
        }
        if (text.length() > MAX_SPEECH_CHARS) {
            throw new ProviderException("Speech request failed: text is longer than " + MAX_SPEECH_CHARS
                    + " characters", 0, false);
        }
        String chosenFormat = format == null || format.isBlank() ? DEFAULT_SPEECH_FORMAT
                : format.strip().toLowerCase(Locale.ROOT);
        if (!SPEECH_FORMATS.contains(chosenFormat)) {
            throw new ProviderException("Speech request failed: unsupported format " + ErrorText.oneLine(chosenFormat)
                    + " (use one of " + String.join(", ", SPEECH_FORMATS.stream().sorted().toList()) + ")", 0, false);
        }
        String body = Json.write(Json.object("model", DEFAULT_SPEECH_MODEL, "input", text,
                "voice", voice == null || voice.isBlank() ? DEFAULT_VOICE : voice, "response_format", chosenFormat));
        HttpTransport.Answer answer = transport.post(Operation.SPEECH, "/audio/speech", JSON,
                body.getBytes(StandardCharsets.UTF_8));
        if (answer.body().length == 0) {
            throw new ProviderException("Speech request failed: the server sent no audio", answer.status(), false);
        }
        return answer.body();
    }

    @Override
    public ModelsCheck checkKey() {
        HttpTransport.Answer answer;
        try {
            answer = transport.get(Operation.MODELS, "/models");
        } catch (ProviderException e) {
            if (e.status() == 401 || e.status() == 403) {
                String reason = e.serverSaid().isEmpty() ? "no reason given" : e.serverSaid();
                return new ModelsCheck.Rejected(e.status(), reason);
            }
            throw e;
        }
        return read(Operation.MODELS, answer, text -> new ModelsCheck.Accepted(modelIds(Json.parseObject(text))));
    }

    /**
     * Shuts the HTTP client down once nothing is in flight. A process about to exit should: while the client's
     * selector thread waits in a system call, the JVM's exit waits up to 300 ms for it.
     */
    @Override
    public void close() {
        transport.close();
    }

    // ---- private helpers ----

    private Optional<ChatReply> whole(ChatRequest request, ChatListener listener) {
        byte[] body = ChatCodec.requestBody(request, false).getBytes(StandardCharsets.UTF_8);
        HttpTransport.Answer answer = transport.post(Operation.CHAT, "/chat/completions", JSON, body);
        return heard(read(Operation.CHAT, answer, text -> ChatCodec.readReply(text, request.model())), listener);
    }

    private Optional<ChatReply> streamed(ChatRequest request, ChatListener listener) {
        byte[] body = ChatCodec.requestBody(request, true).getBytes(StandardCharsets.UTF_8);
        HttpTransport.Opened opened;
        try {
            opened = transport.open(Operation.CHAT, "/chat/completions", JSON, body);
        } catch (ProviderException e) {
            if (!refusesStreams(e)) {
                throw e;
            }
            streamsRefused.set(true);
            log.info("The provider refuses streamed answers; asking for whole ones from now on",
                    "error", e.getMessage());
            return whole(request, listener);
        }
        try (opened) {
            if (!opened.contentType().toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
                // a server that ignores "stream" sends the whole completion
                HttpTransport.Answer answer = new HttpTransport.Answer(opened.status(), opened.body().readAllBytes());
                return heard(read(Operation.CHAT, answer, text -> ChatCodec.readReply(text, request.model())),
                        listener);
            }
            return readStream(opened, request.model(), listener);
        } catch (IOException e) {
            throw transport.broken(Operation.CHAT, e);
        }
    }

    private Optional<ChatReply> readStream(HttpTransport.Opened opened, String model, ChatListener listener)
            throws IOException {
        ChatStream stream = new ChatStream(listener);
        SseReader events = new SseReader(opened.body());
        try {
            Optional<SseReader.Event> event;
            while (!stream.done() && (event = events.next()).isPresent()) {
                if (event.get().name().equals("error")) {
                    throw new JsonException("the stream reported an error: " + ErrorText.oneLine(event.get().data()));
                }
                stream.accept(event.get().data());
            }
            if (!stream.finished()) {
                throw new JsonException("the stream ended before the answer said it was complete");
            }
            return stream.reply(model);
        } catch (JsonException e) {
            throw transport.malformed(Operation.CHAT, opened.status(), e.describe());
        }
    }

    /** Hands a whole answer's text to its listener as one piece. */
    private static Optional<ChatReply> heard(Optional<ChatReply> reply, ChatListener listener) {
        reply.map(ChatReply::text).filter(text -> !text.isEmpty()).ifPresent(listener::text);
        return reply;
    }

    /** A client error that names streaming: the server (or this model) cannot stream, or knows no stream_options. */
    private static boolean refusesStreams(ProviderException e) {
        return STREAM_REFUSALS.contains(e.status())
                && (e.serverSaid() + " " + e.getMessage()).toLowerCase(Locale.ROOT).contains("stream");
    }

    /** Parses a 2xx body; any shape problem becomes the one "malformed JSON" failure, never a stack trace. */
    private <T> T read(Operation op, HttpTransport.Answer answer, Function<String, T> parser) {
        try {
            return parser.apply(new String(answer.body(), StandardCharsets.UTF_8));
        } catch (JsonException e) {
            throw transport.malformed(op, answer.status(), e.describe());
        }
    }

    private static List<String> modelIds(JsonObject root) {
        List<String> ids = new ArrayList<>();
        for (Object item : root.array("data")) {
            if (item instanceof Map<?, ?> model && model.get("id") instanceof String id) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static byte[] readAudio(Path audioFile) {
        Objects.requireNonNull(audioFile, "audioFile");
        try {
            if (!Files.isRegularFile(audioFile)) {
                throw new ProviderException("Transcription request failed: not a file: " + audioFile, 0, false);
            }
            long size = Files.size(audioFile);
            if (size == 0 || size > MAX_AUDIO_BYTES) {
                throw new ProviderException("Transcription request failed: audio file is " + size
                        + " bytes, must be between 1 and " + MAX_AUDIO_BYTES, 0, false);
            }
            return Files.readAllBytes(audioFile);
        } catch (IOException e) {
            throw new ProviderException("Transcription request failed: cannot read " + audioFile + ": "
                    + e.getClass().getSimpleName(), 0, false, e);
        }
    }
}
