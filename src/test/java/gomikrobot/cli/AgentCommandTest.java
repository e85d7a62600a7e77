package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.Reply;
import gomikrobot.testing.FakeOpenAiServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gomikrobot agent -m}: the answer alone on stdout, a failure one line on stderr and a telling exit code. */
class AgentCommandTest {
    @TempDir
    Path home;
    private final FakeOpenAiServer llm = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        llm.close();
    }

    private CliRun agent(String... args) {
        Map<String, String> env = Map.of("MIKROBOT_OPENAI_API_BASE", llm.baseUrl(),
                "MIKROBOT_OPENAI_API_KEY", "sk-test-agent-1234",
                "MIKROBOT_PATHS_WORK_REPO_PATH", home.resolve("repo").toString());
        String[] argv = new String[args.length + 1];
        argv[0] = "agent";
        System.arraycopy(args, 0, argv, 1, args.length);
        return CliRun.run(home, env, "", argv);
    }

    @Test
    void theAnswerIsAllThatGoesToStdout() {
        llm.enqueueText("forty-two");
        CliRun r = agent("-m", "what is the answer?");
        assertEquals(0, r.exit, r.err);
        assertEquals("forty-two\n", r.out);
    }

    @Test
    void aModelFailureIsOneLineAndExitThree() {
        for (int i = 0; i < 4; i++) {
            llm.enqueueStatus(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}", Map.of());
        }
        CliRun r = agent("-m", "hi");
        assertEquals(ExitCode.MODEL_FAILED.status(), r.exit);
        assertEquals("", r.out);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("gomikrobot agent: the language model could not answer: "), r.err);
        assertTrue(r.err.contains("Incorrect API key provided"), r.err);
    }

    @Test
    void everyFailureReasonHasItsExitCode() {
        assertEquals(ExitCode.QUOTA_EXCEEDED, AgentCommand.exitCodeOf(Reply.Reason.QUOTA_EXCEEDED));
        assertEquals(ExitCode.NO_ANSWER_IN_TIME, AgentCommand.exitCodeOf(Reply.Reason.TIMED_OUT));
        assertEquals(ExitCode.MODEL_FAILED, AgentCommand.exitCodeOf(Reply.Reason.NO_FINAL_ANSWER));
        assertEquals(ExitCode.FAILURE, AgentCommand.exitCodeOf(Reply.Reason.INTERNAL));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), Arrays.stream(ExitCode.values()).map(ExitCode::status).toList());
    }
}
