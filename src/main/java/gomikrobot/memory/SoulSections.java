package gomikrobot.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a soul file into chunks at its {@code ## } headings. Each chunk is the heading line with the text under
 * it, tagged with the heading; text before the first heading is a chunk with no tag. Blank sections are dropped,
 * and a section longer than {@value #MAX_CHARS} characters is cut at line ends so each piece stays well within
 * what an embedding model accepts.
 */
final class SoulSections {
    static final int MAX_CHARS = 6000;
    private static final String HEADING = "## ";

    private SoulSections() {
    }

    static List<MemoryChunk> split(String text, String source) {
        List<MemoryChunk> chunks = new ArrayList<>();
        String heading = "";
        StringBuilder section = new StringBuilder();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.startsWith(HEADING)) {
                addSection(chunks, section, heading, source);
                heading = line.substring(HEADING.length()).strip();
            }
            section.append(line).append('\n');
        }
        addSection(chunks, section, heading, source);
        return chunks;
    }

    private static void addSection(List<MemoryChunk> chunks, StringBuilder section, String heading, String source) {
        String text = section.toString().strip();
        section.setLength(0);
        while (!text.isEmpty()) {
            int cut = text.length() <= MAX_CHARS ? text.length() : cutPoint(text);
            String piece = text.substring(0, cut).strip();
            if (!piece.isEmpty() && !piece.equals(HEADING.strip() + " " + heading)) {
                chunks.add(MemoryChunk.of(piece, source, heading));
            }
            text = text.substring(cut).strip();
        }
    }

    /** The last line end within the limit, or the limit itself for a single enormous line. */
    private static int cutPoint(String text) {
        int newline = text.lastIndexOf('\n', MAX_CHARS);
        return newline > 0 ? newline : MAX_CHARS;
    }
}
