package gomikrobot.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void readsEventsWhateverTheLineEndingsSkippingCommentsAndOtherFields() throws IOException {
        String stream = ": keep-alive\r\n\r\nid: 1\r\ndata: {\"a\":1}\r\n\r\nevent: error\rdata: first\rdata: second\r\r"
                + "retry: 100\ndata:no space\n\n";

        assertEquals(List.of(new SseReader.Event("", "{\"a\":1}"), new SseReader.Event("error", "first\nsecond"),
                new SseReader.Event("", "no space")), all(stream));
    }

    @Test
    void anEventTheStreamEndsInIsStillRead() throws IOException {
        assertEquals(List.of(new SseReader.Event("", "[DONE]")), all("data: [DONE]\n"));
        assertEquals(List.of(), all(": only a comment\n\n"));
    }

    @Test
    void readsMultiByteCharactersSplitAcrossReads() throws IOException {
        assertEquals(List.of(new SseReader.Event("", "grüße 👋")), all("data: grüße 👋\n\n"));
    }

    @Test
    void refusesAnEventWithoutEnd() {
        String huge = "data: " + "x".repeat(SseReader.MAX_EVENT_CHARS + 1);

        IOException e = assertThrows(IOException.class, () -> all(huge));

        assertEquals("a server-sent event is longer than " + SseReader.MAX_EVENT_CHARS + " characters", e.getMessage());
    }

    private static List<SseReader.Event> all(String text) throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        List<SseReader.Event> events = new ArrayList<>();
        Optional<SseReader.Event> next;
        while ((next = reader.next()).isPresent()) {
            events.add(next.get());
        }
        return events;
    }
}
