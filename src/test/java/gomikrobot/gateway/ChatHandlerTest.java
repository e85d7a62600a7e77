package gomikrobot.gateway;

import static gomikrobot.gateway.ApiAssertions.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.Reply;
import gomikrobot.testing.TestPipeline;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /chat}: the answer as text, or a JSON error whose status says why there is none. */
class ChatHandlerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private TestPipeline h;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        h = TestPipeline.start(tmp);
        server = TestServer.start(router -> new ChatHandler(h.inbox, h.ids, h.clock, TIMEOUT).mount(router));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        h.close();
    }

    @Test
    void theAnswerIsPlainTextWithItsTrace() throws Exception {
        h.llm.enqueueText("hello there");
        HttpResponse<String> answer = server.post("/chat?message=hi", "");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("hello there", answer.body());
        assertTrue(answer.headers().firstValue("X-Trace-Id").orElse("").matches("[0-9a-f]{16}"));
    }

    @Test
    void aModelThatFailsIsABadGatewayNamingTheProvidersError() throws Exception {
        for (int i = 0; i < 4; i++) {
            h.llm.enqueueStatus(500, "{\"error\":{\"message\":\"upstream exploded\"}}", Map.of());
        }
        HttpResponse<String> failed = server.post("/chat?message=hi", "");
        assertEquals(502, failed.statusCode(), failed.body());
        assertTrue(TestServer.error(failed).startsWith("the language model could not answer: "), failed.body());
        assertTrue(TestServer.error(failed).contains("upstream exploded"), failed.body());
    }

    @Test
    void overTheDailyLimitIsTooManyRequests() throws Exception {
        h.llm.enqueueText("first");
        server.post("/chat?message=first", "");
        h.timeline.settings().put("daily_token_limit", "1");
        fails(server.post("/chat?message=second", ""), 429,
                "the daily token limit is reached: 15/1 tokens used today");
    }

    @Test
    void noAnswerInTimeIsAGatewayTimeoutAndTheTaskGoesOn() throws Exception {
        Duration impatient = Duration.ofMillis(300);
        h.llm.enqueueDelay(impatient.multipliedBy(5));
        h.llm.enqueueText("eventually");
        try (TestServer quick = TestServer.start(router -> new ChatHandler(h.inbox, h.ids, h.clock, impatient)
                .mount(router))) {
            HttpResponse<String> late = quick.post("/chat?message=slow", "");
            assertEquals(504, late.statusCode(), late.body());
            String trace = late.headers().firstValue("X-Trace-Id").orElseThrow();
            assertEquals("eventually", h.finishedTask(trace).contentOut());
        }
    }

    @Test
    void everyFailureReasonHasAnHttpStatus() {
        assertEquals(Map.of(Reply.Reason.MODEL_FAILED, 502, Reply.Reason.NO_FINAL_ANSWER, 502,
                        Reply.Reason.QUOTA_EXCEEDED, 429, Reply.Reason.INTERRUPTED, 503, Reply.Reason.ALREADY_RUNNING, 409,
                        Reply.Reason.SHUTTING_DOWN, 503, Reply.Reason.TIMED_OUT, 504, Reply.Reason.INTERNAL, 500),
                Arrays.stream(Reply.Reason.values()).collect(Collectors.toMap(r -> r, ChatHandler::statusOf)));
    }
}
