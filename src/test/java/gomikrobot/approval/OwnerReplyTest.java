package gomikrobot.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnerReplyTest {
    @Test
    void yesAndNoWithACodeAreAnswersInAnyCase() {
        assertEquals(Optional.of(new OwnerReply(true, "7f3a")), OwnerReply.parse("yes 7f3a"));
        assertEquals(Optional.of(new OwnerReply(false, "7f3a")), OwnerReply.parse(" No 7F3A. "));
        assertEquals(Optional.of(new OwnerReply(true, "7f3a")), OwnerReply.parse("YES  7f3a!"));
    }

    @Test
    void theOriginalsApproveAndDenyWithTheFullIdAreAnswersToo() {
        assertEquals(Optional.of(new OwnerReply(true, "a1b2c3d4e5f60718")), OwnerReply.parse("approve:a1b2c3d4e5f60718"));
        assertEquals(Optional.of(new OwnerReply(false, "a1b2c3d4e5f60718")), OwnerReply.parse("deny: a1b2c3d4e5f60718"));
    }

    @Test
    void ordinaryMessagesAreNotAnswers() {
        for (String text : List.of("yes", "no cafe", "yes, 7f3a please", "yes 7f3", "yes 7f3ab", "maybe 7f3a",
                "yes 7f3a and also pull", "yes\n7f3a\nthanks", "no beef.")) {
            assertEquals(Optional.empty(), OwnerReply.parse(text), text);
        }
    }
}
