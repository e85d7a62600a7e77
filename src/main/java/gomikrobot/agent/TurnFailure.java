package gomikrobot.agent;

/** A message could not be answered (provider failure, iteration bound); the text becomes the task's error. */
final class TurnFailure extends Exception {
    TurnFailure(String message) {
        super(message);
    }
}
