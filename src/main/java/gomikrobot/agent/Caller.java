package gomikrobot.agent;

import gomikrobot.bus.AnswerStream;
import gomikrobot.session.Turn;
import java.util.List;
import java.util.Optional;

/**
 * What the caller of a message brought besides the message: the stream that follows its answer, and the
 * conversation so far when the caller keeps it itself (empty: the session's stored history is used, and the
 * exchange is added to it).
 */
record Caller(AnswerStream stream, Optional<List<Turn>> history) {
}
