package gomikrobot.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatFileTest {
    @Test
    void onlyUncheckedBoxesOutsideCommentsAndCodeAreOpenItems() {
        HeartbeatFile file = HeartbeatFile.parse("""
                # Heartbeat
                - [ ] check the backups
                  * [ ] nested, with a star
                1. [ ] numbered
                - [x] done
                - [X] done too
                - [] not a box
                - plain bullet
                <!-- - [ ] hidden -->
                ~~~
                - [ ] example
                ~~~
                + [ ]   spaced out\r
                """);
        assertEquals(List.of("check the backups", "nested, with a star", "numbered", "spaced out"), file.openItems());
    }

    @Test
    void headingsCommentsAndCheckedBoxesHoldNoOpenItem() {
        assertEquals(List.of(), HeartbeatFile.parse("# Title\n\n<!--\n- [ ] later\n-->\n- [x] done\n").openItems());
        assertEquals(List.of(), HeartbeatFile.parse("").openItems());
        assertEquals(List.of(), HeartbeatFile.parse("<!-- never closed\n- [ ] x").openItems());
    }
}
