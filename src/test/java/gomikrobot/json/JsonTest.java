package gomikrobot.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    // ---- unicode ----

    @Test
    void roundTripsUnicodeIncludingSurrogatePairs() {
        String text = "héllo wörld ✓ 日本語 😀 \uD834\uDD1E"; // emoji and G clef are surrogate pairs
        Object back = Json.parse(Json.write(Map.of("t", text)));
        assertEquals(Map.of("t", text), back);
    }

    @Test
    void decodesUnicodeEscapesIncludingEscapedSurrogatePairs() {
        Object parsed = Json.parse("\"caf\\u00e9 \\uD83D\\uDE00 \\\"q\\\" \\\\ \\n\\t\\/\"");
        assertEquals("café 😀 \"q\" \\ \n\t/", parsed);
    }

    @Test
    void escapesControlCharactersWhenWriting() {
        String written = Json.write("a\u0001b\nc\"d");
        assertFalse(written.contains("\u0001"), written);
        assertFalse(written.contains("\n"), written);
        assertEquals("a\u0001b\nc\"d", Json.parse(written));
    }

    @Test
    void readsUtf8FromAStream() {
        byte[] bytes = "{\"name\":\"Zoë 😀\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(Map.of("name", "Zoë 😀"), Json.parse(new ByteArrayInputStream(bytes)));
    }

    // ---- numbers ----

    @Test
    void keepsIntegersPastLongAsBigInteger() {
        Object parsed = Json.parse("[9223372036854775807, 9223372036854775808, -99999999999999999999999]");
        assertEquals(List.of(Long.MAX_VALUE, new BigInteger("9223372036854775808"),
                new BigInteger("-99999999999999999999999")), parsed);
        assertEquals("[9223372036854775807,9223372036854775808,-99999999999999999999999]", Json.write(parsed));
    }

    @Test
    void smallIntegersAreLongs() {
        assertEquals(List.of(0L, -1L, 42L), Json.parse("[0, -1, 42]"));
    }

    @Test
    void keepsDecimalsPastDoubleRangeAsBigDecimal() {
        List<?> parsed = (List<?>) Json.parse("[0.5, 1e400, -2.5e-3]");
        assertEquals(0.5, parsed.get(0));
        BigDecimal huge = assertInstanceOf(BigDecimal.class, parsed.get(1));
        assertEquals(0, huge.compareTo(new BigDecimal("1e400")));
        assertEquals(-0.0025, parsed.get(2));
        assertEquals(0, new BigDecimal("1e400").compareTo(new BigDecimal(((List<?>) Json.parse(Json.write(parsed)))
                .get(1).toString())));
    }

    @Test
    void writesNonFiniteDoublesAsNull() {
        assertEquals("[null,null]", Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY)));
    }

    @Test
    void rejectsAbsurdlyLongNumbers() {
        String digits = "1".repeat(5000);
        assertThrows(JsonException.class, () -> Json.parse(digits));
    }

    // ---- nesting ----

    @Test
    void acceptsNestingUpToMaxDepth() {
        String doc = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Object parsed = Json.parse(doc);
        assertEquals(doc, Json.write(parsed));
    }

    @Test
    void rejectsNestingOneLevelPastMaxDepth() {
        String doc = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(doc));
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
    }

    @Test
    void rejectsDeepObjectsToo() {
        String doc = "{\"a\":".repeat(Json.MAX_DEPTH + 1) + "1" + "}".repeat(Json.MAX_DEPTH + 1);
        assertThrows(JsonException.class, () -> Json.parse(doc));
    }

    @Test
    void hostileDepthFailsCleanlyWithoutStackOverflow() {
        String doc = "[".repeat(100_000);
        assertThrows(JsonException.class, () -> Json.parse(doc));
    }

    @Test
    void refusesToWriteValuesNestedPastMaxDepth() {
        Object deep = List.of();
        for (int i = 0; i < Json.MAX_DEPTH + 1; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertThrows(JsonException.class, () -> Json.write(tooDeep));
    }

    // ---- malformed input, with positions ----

    @Test
    void trailingCommaIsMalformedWithPosition() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\n  \"a\": 1,\n}"));
        assertEquals(3, e.line());
        assertEquals(1, e.column());
        assertTrue(e.describe().endsWith("at line 3, column 1"), e.describe());
    }

    @Test
    void trailingCommaInArrayIsMalformed() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("[1, 2,]"));
        assertEquals(1, e.line());
        assertEquals(7, e.column());
    }

    @Test
    void unterminatedStringIsMalformed() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"a\": \"abc"));
        assertEquals(1, e.line());
        assertTrue(e.column() > 0, e.describe());
    }

    @Test
    void unterminatedObjectIsMalformed() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"a\": 1"));
        assertTrue(e.line() > 0, e.describe());
    }

    @Test
    void trailingContentIsMalformed() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"a\": 1}\n {\"b\": 2}"));
        assertEquals("unexpected content after the document", e.getMessage());
        assertEquals(2, e.line());
        assertEquals(2, e.column());
    }

    @Test
    void emptyDocumentIsMalformed() {
        assertEquals("empty document", assertThrows(JsonException.class, () -> Json.parse("")).getMessage());
        assertEquals("empty document", assertThrows(JsonException.class, () -> Json.parse("  \n ")).getMessage());
    }

    @Test
    void duplicateKeysAreMalformed() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"a\": 1,\n \"a\": 2}"));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void bareWordsAndSingleQuotesAreMalformed() {
        assertThrows(JsonException.class, () -> Json.parse("{a: 1}"));
        assertThrows(JsonException.class, () -> Json.parse("{'a': 1}"));
        assertThrows(JsonException.class, () -> Json.parse("[NaN]"));
    }

    @Test
    void errorMessagesAreOneLine() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"a\" 1}"));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(1, e.line());
        assertEquals(6, e.column());
    }

    @Test
    void parseObjectRejectsNonObjects() {
        assertThrows(JsonException.class, () -> Json.parseObject("[1]"));
        assertEquals(Map.of("a", 1L), Json.parseObject("{\"a\":1}").asMap());
    }

    // ---- writing ----

    @Test
    void keepsKeyOrderAndWritesPretty() {
        Map<String, Object> doc = Json.object("z", 1, "a", List.of(true, "x"), "m", null);
        assertEquals("{\"z\":1,\"a\":[true,\"x\"],\"m\":null}", Json.write(doc));
        String pretty = Json.writePretty(doc);
        assertTrue(pretty.contains("\n"), pretty);
        assertEquals(Json.parse(Json.write(doc)), Json.parse(pretty));
    }

    @Test
    void objectBuilderRejectsOddArguments() {
        assertThrows(IllegalArgumentException.class, () -> Json.object("a"));
    }

    @Test
    void refusesToWriteUnknownTypes() {
        assertThrows(JsonException.class, () -> Json.write(List.of(new Object())));
    }

    // ---- JsonObject typed getters ----

    @Test
    void typedGettersReadValuesAndDefaults() {
        JsonObject o = Json.parseObject("{\"s\":\"x\",\"i\":7,\"f\":7.0,\"d\":1.5,\"b\":true,"
                + "\"o\":{\"k\":1},\"a\":[\"p\",\"q\"],\"n\":null}");
        assertEquals("x", o.string("s", "dflt"));
        assertEquals("dflt", o.string("missing", "dflt"));
        assertEquals("dflt", o.string("n", "dflt"));
        assertEquals(7L, o.integer("i", 0));
        assertEquals(7L, o.integer("f", 0));
        assertEquals(1.5, o.number("d", 0));
        assertEquals(7.0, o.number("i", 0));
        assertTrue(o.bool("b", false));
        assertEquals(1L, o.object("o").integer("k", 0));
        assertTrue(o.object("missing").asMap().isEmpty());
        assertEquals(List.of("p", "q"), o.strings("a"));
        assertEquals(List.of(), o.strings("missing"));
        assertFalse(o.has("n"));
        assertTrue(o.has("s"));
    }

    @Test
    void typedGettersNameTheKeyOnWrongType() {
        JsonObject o = Json.parseObject("{\"s\":\"x\",\"i\":7,\"d\":1.5,\"big\":99999999999999999999,"
                + "\"mixed\":[\"a\",1]}");
        assertEquals("field 's' must be an integer", assertThrows(JsonException.class, () -> o.integer("s")).getMessage());
        assertEquals("field 'i' must be a string", assertThrows(JsonException.class, () -> o.string("i")).getMessage());
        assertEquals("field 'd' must be an integer", assertThrows(JsonException.class, () -> o.integer("d")).getMessage());
        assertEquals("field 's' must be a number", assertThrows(JsonException.class, () -> o.number("s")).getMessage());
        assertEquals("field 'i' must be true or false", assertThrows(JsonException.class, () -> o.bool("i")).getMessage());
        assertEquals("field 'i' must be an object", assertThrows(JsonException.class, () -> o.object("i")).getMessage());
        assertEquals("field 's' must be an array", assertThrows(JsonException.class, () -> o.array("s")).getMessage());
        assertEquals("field 'mixed' must be an array of strings",
                assertThrows(JsonException.class, () -> o.strings("mixed")).getMessage());
        assertTrue(assertThrows(JsonException.class, () -> o.integer("big")).getMessage().contains("out of range"));
    }

    @Test
    void jsonObjectIsReadOnlyButCopiesAreMutable() {
        JsonObject o = Json.parseObject("{\"a\":1}");
        assertThrows(UnsupportedOperationException.class, () -> o.asMap().put("b", 2L));
        Map<String, Object> copy = o.toMutableMap();
        copy.put("b", 2L);
        assertEquals(Arrays.asList("a", "b"), List.copyOf(copy.keySet()));
    }
}
