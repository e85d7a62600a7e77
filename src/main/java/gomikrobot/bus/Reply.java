package gomikrobot.bus;

import java.util.Objects;

/**
 * What a message gets back: the agent's {@link Answer}, or a {@link Failure} with a {@link Reason} from a closed
 * set. Whoever shows a reply maps the reason with an exhaustive {@code switch} (the local API to an HTTP status,
 * {@code agent -m} to an exit code, a channel to a sentence for a person), so a new reason is a compile error
 * wherever it matters and nothing ever inspects a text to learn whether it failed.
 */
public sealed interface Reply permits Reply.Answer, Reply.Failure {

    /** The agent's answer text, for the person who asked. */
    record Answer(String text) implements Reply {
        public Answer {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * No answer, and why: the reason, and a one-line detail for logs and programs (the provider's error, the
     * figures of a spent quota) that may be empty.
     */
    record Failure(Reason reason, String detail) implements Reply {
        private static final String SEPARATOR = ": ";

        public Failure {
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail.strip();
        }

        public static Failure of(Reason reason) {
            return new Failure(reason, "");
        }

        /** One line for logs, stderr and JSON errors: the reason's summary and the detail. */
        public String describe() {
            return detail.isEmpty() ? reason.summary() : reason.summary() + SEPARATOR + detail;
        }

        /** The failure as a task's {@code error_text}: {@code <code>} or {@code <code>: <detail>}. */
        public String errorText() {
            return detail.isEmpty() ? reason.code() : reason.code() + SEPARATOR + detail;
        }

        /**
         * Reads {@link #errorText()} back. A text that does not start with a known code (written by the original
         * program or an older release) is an {@link Reason#INTERNAL} failure with the whole text as its detail.
         */
        public static Failure fromErrorText(String errorText) {
            String text = errorText == null ? "" : errorText.strip();
            int cut = text.indexOf(SEPARATOR);
            String code = cut < 0 ? text : text.substring(0, cut);
            for (Reason reason : Reason.values()) {
                if (reason.code().equals(code)) {
                    return new Failure(reason, cut < 0 ? "" : text.substring(cut + SEPARATOR.length()));
                }
            }
            return new Failure(Reason.INTERNAL, text);
        }
    }

    /** Why a message got no answer. The codes are stored in {@code tasks.error_text}: never rename one. */
    enum Reason {
        /** The provider failed: unreachable, an error status after the retries, or an answer it could not read. */
        MODEL_FAILED("model_failed", "the language model could not answer"),
        /** The model kept calling tools until {@code model.maxToolIterations} rounds were spent. */
        NO_FINAL_ANSWER("no_final_answer", "the model gave no final answer within the tool-round limit"),
        /** The {@code daily_token_limit} is reached: no paid call is made until the next UTC day. */
        QUOTA_EXCEEDED("quota_exceeded", "the daily token limit is reached"),
        /** A shutdown or a crash stopped the turn after it may have changed something, so it is not run again. */
        INTERRUPTED("interrupted", "interrupted by a restart"),
        /** The same message (idempotency key) is already queued or running; it is answered once. */
        ALREADY_RUNNING("already_running", "this message is already being processed"),
        /** Not accepted: the gateway is stopping. */
        SHUTTING_DOWN("shutting_down", "the gateway is shutting down"),
        /** The caller stopped waiting; the task goes on and its answer is kept. */
        TIMED_OUT("timed_out", "no answer in time; the task goes on"),
        /** A bug: logged with its stack trace. */
        INTERNAL("internal_error", "internal error");

        private final String code;
        private final String summary;

        Reason(String code, String summary) {
            this.code = code;
            this.summary = summary;
        }

        public String code() {
            return code;
        }

        public String summary() {
            return summary;
        }
    }
}
