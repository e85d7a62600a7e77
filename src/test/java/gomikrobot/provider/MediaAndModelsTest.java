package gomikrobot.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.JsonObject;
import gomikrobot.testing.FakeEmbeddings;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.testing.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaAndModelsTest {
    private static final String KEY = "sk-media-test-key-42";

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    TestProviders providers = new TestProviders(); // ClassicWireTest runs these tests again over the other wire

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void embedsInBatchesAndReturnsVectorsInInputOrder() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            texts.add("chunk number " + i + " about " + (i % 2 == 0 ? "apples" : "boats"));
        }

        Embeddings embeddings = providers.provider(server.baseUrl(), KEY).embed(texts, null);
        List<float[]> vectors = embeddings.vectors();

        assertEquals(130, vectors.size());
        assertEquals(3 * FakeOpenAiServer.PROMPT_TOKENS, embeddings.usage().totalTokens(), "usage of the three requests");
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(FakeEmbeddings.vector(texts.get(i), 8), vectors.get(i), "vector " + i);
        }
        List<Integer> batchSizes = server.requests().stream()
                .map(r -> r.json().array("input").size()).toList();
        assertEquals(List.of(64, 64, 2), batchSizes);
        assertEquals("text-embedding-3-small", server.last("/embeddings").json().string("model", ""));
    }

    @Test
    void embeddingDimensionComesFromTheAnswer() {
        server.setEmbeddingDimension(1536);

        List<float[]> vectors = providers.provider(server.baseUrl(), KEY).embed(List.of("hello"), "my-embedder").vectors();

        assertEquals(1536, vectors.getFirst().length);
        assertEquals("my-embedder", server.last("/embeddings").json().string("model", ""));
    }

    @Test
    void blankTextIsRejectedBeforeAnyRequest() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> providers.provider(server.baseUrl(), KEY).embed(List.of("fine", " "), null));

        assertEquals("Embeddings request failed: text 1 is empty", e.getMessage());
        assertEquals(0, server.count("/embeddings"));
    }

    @Test
    void transcriptionUploadsTheAudioFileAsMultipart(@TempDir Path dir) throws IOException {
        byte[] audio = new byte[2048];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("voice-note.ogg"), audio);
        server.setTranscript("remind me to water the plants");

        String text = providers.provider(server.baseUrl(), KEY).transcribe(file, null);

        assertEquals("remind me to water the plants", text);
        RecordedRequest sent = server.last("/audio/transcriptions");
        assertTrue(sent.header("Content-Type").startsWith("multipart/form-data; boundary="));
        assertTrue(contains(sent.bodyBytes(), audio), "the file bytes reach the server unchanged");
        String head = new String(sent.bodyBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(head.contains("name=\"model\"\r\n\r\nwhisper-1\r\n"), head.substring(0, 300));
        assertTrue(head.contains("filename=\"voice-note.ogg\"\r\nContent-Type: audio/ogg"));
    }

    @Test
    void transcriptionOfAMissingFileFailsClearly(@TempDir Path dir) {
        ProviderException e = assertThrows(ProviderException.class,
                () -> providers.provider(server.baseUrl(), KEY).transcribe(dir.resolve("gone.ogg"), null));

        assertTrue(e.getMessage().startsWith("Transcription request failed: not a file: "), e.getMessage());
        assertEquals(0, server.requests().size());
    }

    @Test
    void speechReturnsTheAudioBytesInOpusByDefault() {
        byte[] audio = providers.provider(server.baseUrl(), KEY).speak("Good morning", null, null);

        assertArrayEquals(FakeOpenAiServer.SPEECH_BYTES, audio);
        JsonObject body = server.last("/audio/speech").json();
        assertEquals("opus", body.string("response_format", ""));
        assertEquals("alloy", body.string("voice", ""));
        assertEquals("tts-1", body.string("model", ""));
        assertEquals("Good morning", body.string("input", ""));
    }

    @Test
    void speechRejectsUnknownFormat() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> providers.provider(server.baseUrl(), KEY).speak("hi", "nova", "midi"));

        assertTrue(e.getMessage().contains("unsupported format midi"), e.getMessage());
    }

    @Test
    void keyCheckListsModelsWhenAccepted() {
        server.expectKey(KEY);

        ModelsCheck check = providers.provider(server.baseUrl(), KEY).checkKey();

        assertEquals(new ModelsCheck.Accepted(FakeOpenAiServer.MODEL_IDS), check);
        assertEquals("GET", server.last("/models").method());
    }

    @Test
    void keyCheckReportsRejectionWithoutTheKey() {
        server.expectKey("sk-another-key");

        ModelsCheck check = providers.provider(server.baseUrl(), KEY).checkKey();

        ModelsCheck.Rejected rejected = assertInstanceOf(ModelsCheck.Rejected.class, check);
        assertEquals(401, rejected.status());
        assertTrue(rejected.reason().startsWith("Incorrect API key provided: "), "the server's words alone, "
                + "so a caller adding the status does not repeat it: " + rejected.reason());
        assertTrue(rejected.reason().endsWith("(type invalid_request_error)"), rejected.reason());
        assertTrue(!rejected.reason().contains(KEY), rejected.reason());
        assertEquals(1, server.count("/models"), "a rejected key is not retried");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
