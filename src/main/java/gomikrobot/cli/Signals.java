package gomikrobot.cli;

import sun.misc.Signal;

/**
 * SIGINT and SIGTERM become a callback instead of the JVM's default exit, so the gateway can shut down in
 * order and still exit 0 (a shutdown hook alone would leave the JVM exiting 130/143).
 */
final class Signals {
    private Signals() {
    }

    static void onTerminate(Runnable action) {
        Signal.handle(new Signal("INT"), s -> action.run());
        Signal.handle(new Signal("TERM"), s -> action.run());
    }
}
