package gomikrobot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a process is still running, as a test sees it after a kill (a bounded wait, no timing asserted). */
public final class ProcessChecks {
    private ProcessChecks() {
    }

    /** True while the process exists and is not a zombie, polled for up to 3 s. */
    public static boolean stillRunning(long pid) throws InterruptedException {
        for (int i = 0; i < 30; i++) {
            if (!running(pid)) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static boolean running(long pid) {
        try { // a killed child re-parented to a non-reaping init lingers as a zombie: that counts as gone
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }
}
