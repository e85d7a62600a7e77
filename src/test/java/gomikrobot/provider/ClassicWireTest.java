package gomikrobot.provider;

import org.junit.jupiter.api.Nested;

/**
 * The provider's tests run again over the classic wire, which production uses for every plain {@code http://}
 * server: the same answers, retries, timeouts, streams and failures whichever way a request travels.
 */
class ClassicWireTest {
    @Nested
    class Chat extends ChatCompletionTest {
        Chat() {
            providers = TestProviders.classic();
        }
    }

    @Nested
    class RetriesAndFailures extends RetryAndFailureTest {
        RetriesAndFailures() {
            providers = TestProviders.classic();
        }
    }

    @Nested
    class Streams extends StreamingTest {
        Streams() {
            providers = TestProviders.classic();
        }
    }

    @Nested
    class MediaAndModels extends MediaAndModelsTest {
        MediaAndModels() {
            providers = TestProviders.classic();
        }
    }
}
