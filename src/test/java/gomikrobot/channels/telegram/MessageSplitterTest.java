package gomikrobot.channels.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    @Test
    void aShortTextIsOneMessage() {
        assertEquals(List.of("hello"), MessageSplitter.split("  hello \n"));
        assertEquals(List.of(), MessageSplitter.split(" \n "));
    }

    @Test
    void aLongAnswerIsCutAtTheLastParagraphThatFits() {
        String first = "a".repeat(3000);
        String second = "b".repeat(1500) + "\n" + "c".repeat(400);
        List<String> parts = MessageSplitter.split(first + "\n\n" + second);
        assertEquals(List.of(first, second), parts);
    }

    @Test
    void withoutParagraphsItCutsAtALineThenAtASpaceThenMidWord() {
        assertEquals(List.of("aaaa", "bb cc dd"), MessageSplitter.split("aaaa\nbb cc dd", 8));
        assertEquals(List.of("aaaa bb", "ccdd"), MessageSplitter.split("aaaa bb ccdd", 8));
        assertEquals(List.of("abcdefgh", "ij"), MessageSplitter.split("abcdefghij", 8));
    }

    @Test
    void aCutNeverSplitsAnEmoji() {
        String text = "abcdefg\uD83D\uDE00xyz"; // the emoji's two chars sit at 7 and 8
        List<String> parts = MessageSplitter.split(text, 8);
        assertEquals(List.of("abcdefg", "\uD83D\uDE00xyz"), parts);
    }

    @Test
    void everyPartFitsTheLimit() {
        String text = ("word ".repeat(700) + "\n").repeat(4);
        List<String> parts = MessageSplitter.split(text);
        assertTrue(parts.size() >= 4, parts.size() + " parts");
        parts.forEach(p -> assertTrue(p.length() <= MessageSplitter.LIMIT && !p.isBlank()));
        assertEquals(text.replaceAll("\\s+", ""), String.join("", parts).replaceAll("\\s+", ""));
    }
}
