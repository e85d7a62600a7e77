package gomikrobot.gateway.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gomikrobot.bus.Reply;
import gomikrobot.json.JsonObject;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenAiErrorTest {

    @Test
    void everyFailureReasonHasAStatusAndOnlyShuttingDownInvitesARetry() {
        Map<Reply.Reason, String> mapped = Arrays.stream(Reply.Reason.values()).collect(Collectors.toMap(r -> r, r -> {
            OpenAiError e = OpenAiError.of(Reply.Failure.of(r));
            return e.status() + " " + e.shouldRetry();
        }));

        assertEquals(Map.of(Reply.Reason.MODEL_FAILED, "502 false", Reply.Reason.NO_FINAL_ANSWER, "502 false",
                Reply.Reason.QUOTA_EXCEEDED, "429 false", Reply.Reason.INTERRUPTED, "503 false",
                Reply.Reason.ALREADY_RUNNING, "409 false", Reply.Reason.SHUTTING_DOWN, "503 true",
                Reply.Reason.TIMED_OUT, "504 false", Reply.Reason.INTERNAL, "500 false"), mapped);
    }

    @Test
    void theEnvelopeIsOpenAisWithTheReasonAsCode() {
        JsonObject error = JsonObject.of(OpenAiError.of(new Reply.Failure(Reply.Reason.MODEL_FAILED, "HTTP 500: boom"))
                .envelope()).object("error");

        assertEquals("the language model could not answer: HTTP 500: boom", error.string("message", ""));
        assertEquals("api_error", error.string("type", ""));
        assertEquals("model_failed", error.string("code", ""));
        assertEquals(true, error.asMap().containsKey("param"), "param is there, null when none is at fault");
    }
}
