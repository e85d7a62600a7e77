package gomikrobot.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.AnswerStream;
import gomikrobot.bus.Receipt;
import gomikrobot.bus.Reply;
import gomikrobot.session.Turn;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.testing.TestPipeline;
import gomikrobot.timeline.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person reads of the model's answer: refusals, cut or filtered answers, streams, foreign tool calls. */
class AnswerReadingTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    @Test
    void aRefusalIsTheAnswerNotAnEmptyText() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueRefusal("I'm sorry, I can't help with that.");
            assertEquals("I'm sorry, I can't help with that.", f.answer(f.owner("something forbidden")));
        }
    }

    @Test
    void aCutAnswerSaysSoAndAFilteredOneNamesTheFilter() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueFinish("The list goes: one, two", "length");
            f.llm.enqueueFinish("", "content_filter");

            assertEquals("The list goes: one, two\n\n[The answer was cut off here: it reached the length limit "
                    + "(model.maxTokens).]", f.answer(f.owner("list everything")));
            assertEquals("[The provider's content filter withheld this answer or part of it.]",
                    f.answer(f.owner("something filtered")));
        }
    }

    @Test
    void aToolCallOfAnotherTypeIsAnsweredAsUnsupportedAndTheTurnGoesOn() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueToolCalls(new FakeOpenAiServer.Call("grammar", "some free text", "custom"));
            f.llm.enqueueText("Fine, without it.");

            assertEquals("Fine, without it.", f.answer(f.owner("use your grammar tool")));

            String second = f.llm.last("/chat/completions").body();
            assertTrue(second.contains("tool calls of type \\\"custom\\\" are not supported here"), second);
            assertTrue(second.contains("\"custom\":{\"name\":\"grammar\",\"input\":\"some free text\"}"),
                    "the call is echoed back in its own shape: " + second);
        }
    }

    @Test
    void aFollowedAnswerArrivesInPiecesThatAddUpToIt() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueText("one two three");
            List<String> deltas = new CopyOnWriteArrayList<>();

            Reply reply = f.inbox.ask(f.owner("count"), WAIT, deltas::add);

            assertEquals(new Reply.Answer("one two three"), reply);
            assertEquals(List.of("one ", "two ", "three"), deltas);
        }
    }

    @Test
    void whatTheModelSaysBeforeUsingAToolIsPartOfTheAnswerAndTheToolIsAnnounced() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            Files.writeString(f.workspace.resolve("notes.txt"), "42");
            f.llm.enqueueTextAndToolCalls("Let me look.", new FakeOpenAiServer.Call("read_file",
                    "{\"path\":\"notes.txt\"}"));
            f.llm.enqueueText("It says 42.");
            List<String> heard = new CopyOnWriteArrayList<>();
            AnswerStream stream = new AnswerStream() {
                @Override
                public void delta(String text) {
                    heard.add(text);
                }

                @Override
                public void toolRunning(String name) {
                    heard.add("<" + name + ">");
                }
            };

            Reply reply = f.inbox.ask(f.owner("what is in notes.txt?"), WAIT, stream);

            assertEquals(new Reply.Answer("Let me look.\n\nIt says 42."), reply);
            assertEquals(List.of("Let ", "me ", "look.", "<read_file>", "\n\n", "It ", "says ", "42."), heard);
        }
    }

    @Test
    void anAnswerWithNoChoicesTwiceFailsTheTurnClearly() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueNoChoices();
            f.llm.enqueueNoChoices();

            Reply.Failure failure = TestPipeline.failureOf(f.ask(f.owner("hello")));

            assertEquals(Reply.Reason.MODEL_FAILED, failure.reason());
            assertTrue(failure.detail().contains("no choices at all"), failure.detail());
        }
    }

    @Test
    void aCallersOwnHistoryIsTheConversationAndTheSessionStaysAsItWas() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueText("stored answer");
            f.answer(f.owner("remembered question"));
            f.llm.enqueueText("Blue, as you said.");
            Instant then = Instant.parse("2026-01-01T00:00:00Z");
            List<Turn> history = List.of(new Turn("user", "My favourite colour is blue.", then),
                    new Turn("assistant", "Noted.", then));

            Reply reply = f.inbox.ask(f.owner("What is my favourite colour?"), history, WAIT, AnswerStream.NONE);

            assertEquals(new Reply.Answer("Blue, as you said."), reply);
            String sent = f.llm.last("/chat/completions").body();
            assertTrue(sent.contains("My favourite colour is blue.") && sent.contains("Noted."), sent);
            assertTrue(!sent.contains("remembered question"), "the stored session is not used: " + sent);
            f.llm.enqueueText("next");
            f.answer(f.owner("and now?"));
            String after = f.llm.last("/chat/completions").body();
            assertTrue(after.contains("remembered question") && !after.contains("favourite"),
                    "the exchange was not added to the session: " + after);
        }
    }

    @Test
    void aSubmittedMessageCanBeFollowedToo() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueText("for the web chat");
            List<String> deltas = new CopyOnWriteArrayList<>();

            Receipt receipt = f.inbox.submit(f.stranger("hi"), deltas::add);

            String trace = f.timeline.tasks().get(((Receipt.Accepted) receipt).taskId()).orElseThrow().traceId();
            assertEquals(Task.COMPLETED, f.finishedTask(trace).status());
            assertEquals("for the web chat", String.join("", deltas));
        }
    }
}
