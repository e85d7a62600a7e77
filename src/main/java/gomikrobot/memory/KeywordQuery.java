package gomikrobot.memory;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The searchable words of a text: lower-cased runs of letters and digits (as SQLite's unicode61 tokenizer
 * splits), without one-letter words and a few English function words that would match almost every chunk.
 * Gives the FTS5 expression for the query and how much of the query a chunk covers.
 */
record KeywordQuery(List<String> terms) {
    private static final int MAX_TERMS = 32;
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "by", "can", "did", "do", "does", "for", "from", "has",
            "have", "how", "i", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "that",
            "the", "their", "this", "to", "was", "we", "were", "what", "when", "where", "which", "who", "why",
            "will", "with", "you", "your");

    static KeywordQuery of(String text) {
        return new KeywordQuery(words(text).stream()
                .filter(w -> w.length() > 1 && !FUNCTION_WORDS.contains(w))
                .distinct().limit(MAX_TERMS).toList());
    }

    boolean isEmpty() {
        return terms.isEmpty();
    }

    /** Any term in the text or tags columns (never the id column), each quoted so no term is read as syntax. */
    String matchExpression() {
        return terms.stream().map(t -> "\"" + t.replace("\"", "\"\"") + "\"")
                .collect(Collectors.joining(" OR ", "{content tags} : (", ")"));
    }

    /** The share of the query's terms that occur in {@code text}, 0..1. */
    double coverage(String text) {
        if (terms.isEmpty()) {
            return 0;
        }
        Set<String> present = new LinkedHashSet<>(words(text));
        return (double) terms.stream().filter(present::contains).count() / terms.size();
    }

    private static List<String> words(String text) {
        return Arrays.stream(SEPARATORS.split(text.toLowerCase(Locale.ROOT))).filter(w -> !w.isEmpty()).toList();
    }
}
