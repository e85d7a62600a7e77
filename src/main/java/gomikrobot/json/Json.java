package gomikrobot.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The project's only JSON code: a tree codec over jackson-core's streaming API.
 *
 * <p>Parsing yields {@code Map<String,Object>} (insertion ordered), {@code List<Object>}, {@code String},
 * {@code Long} (or {@code BigInteger} past 64 bits), {@code Double} (or {@code BigDecimal} past double range),
 * {@code Boolean} and {@code null}. Writing accepts those plus any {@code Number}, {@code Collection},
 * {@code CharSequence}, {@code Enum} and {@link JsonObject}. Nesting deeper than {@link #MAX_DEPTH}, duplicate
 * keys and trailing content are rejected as malformed.
 */
public final class Json {
    /** Deep enough for any document we exchange, shallow enough that a hostile one cannot exhaust the stack. */
    public static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(2000)
                    .build())
            .build();

    private Json() {
    }

    /** Parses one JSON document. */
    public static Object parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return parseDocument(parser);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** Parses one JSON document read (as UTF-8 or as detected by jackson) from a stream. */
    public static Object parse(InputStream in) {
        try (JsonParser parser = FACTORY.createParser(in)) {
            return parseDocument(parser);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** Parses a document that must be an object. */
    public static JsonObject parseObject(String text) {
        if (parse(text) instanceof Map<?, ?> map) {
            return JsonObject.of(map);
        }
        throw new JsonException("expected a JSON object", 1, 1);
    }

    /** Compact rendering. */
    public static String write(Object value) {
        return render(value, false);
    }

    /** Two-space indented rendering, for files people read (config.json, MANIFEST.json). */
    public static String writePretty(Object value) {
        return render(value, true);
    }

    /** Builds an insertion-ordered object from alternating keys and values; a null value is kept as null. */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("object() needs key/value pairs, got " + keysAndValues.length + " items");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * A copy of a value with every object's keys sorted, all the way down (lists too), so that one document
     * always writes as the same text whatever order its keys came in: the canonical bytes a group record is signed
     * over, and objects served in the key order Go writes its maps in. Objects become {@code TreeMap}s and lists
     * {@code ArrayList}s, both mutable; anything else is kept as it is.
     */
    public static Object sortedKeys(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> sorted = new TreeMap<>();
                map.forEach((k, v) -> sorted.put(String.valueOf(k), sortedKeys(v)));
                yield sorted;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(v -> out.add(sortedKeys(v)));
                yield out;
            }
            case null, default -> value;
        };
    }

    private static Object parseDocument(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new JsonException("empty document", 1, 1);
        }
        Object value = readValue(parser, first);
        if (parser.nextToken() != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw new JsonException("unexpected content after the document", at.getLineNr(), at.getColumnNr());
        }
        return value;
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT, LONG -> parser.getLongValue();
                default -> parser.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> readFloat(parser);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> {
                JsonLocation at = parser.currentTokenLocation();
                throw new JsonException("unexpected token " + token, at.getLineNr(), at.getColumnNr());
            }
        };
    }

    private static Object readFloat(JsonParser parser) throws IOException {
        double d = parser.getDoubleValue();
        return Double.isInfinite(d) ? parser.getDecimalValue() : (Object) d;
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            map.put(name, readValue(parser, parser.nextToken()));
        }
        if (token != JsonToken.END_OBJECT) {
            throw unexpectedEnd(parser);
        }
        return map;
    }

    private static List<Object> readArray(JsonParser parser) throws IOException {
        List<Object> list = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw unexpectedEnd(parser);
            }
            list.add(readValue(parser, token));
        }
        return list;
    }

    private static JsonException unexpectedEnd(JsonParser parser) {
        JsonLocation at = parser.currentLocation();
        return new JsonException("unexpected end of input", at.getLineNr(), at.getColumnNr());
    }

    private static JsonException malformed(IOException e) {
        if (e instanceof StreamConstraintsException) {
            return new JsonException("nesting deeper than " + MAX_DEPTH + " levels or number too long", 0, 0);
        }
        if (e instanceof JsonParseException p && p.getLocation() != null) {
            return new JsonException(p.getOriginalMessage().lines().findFirst().orElse("malformed JSON"),
                    p.getLocation().getLineNr(), p.getLocation().getColumnNr());
        }
        return new JsonException("malformed JSON: " + e.getMessage());
    }

    private static String render(Object value, boolean pretty) {
        StringWriter out = new StringWriter();
        writeTo(value, out, pretty);
        return out.toString();
    }

    /** Streams a value to a writer (not closed). */
    public static void writeTo(Object value, Writer out, boolean pretty) {
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            if (pretty) {
                gen.useDefaultPrettyPrinter();
            }
            writeValue(gen, value, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeValue(JsonGenerator gen, Object value, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new JsonException("value nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (value) {
            case null -> gen.writeNull();
            case CharSequence s -> gen.writeString(s.toString());
            case Boolean b -> gen.writeBoolean(b);
            case Long l -> gen.writeNumber(l);
            case Integer i -> gen.writeNumber(i);
            case Short s -> gen.writeNumber(s);
            case Byte b -> gen.writeNumber(b);
            case BigInteger b -> gen.writeNumber(b);
            case BigDecimal b -> gen.writeNumber(b);
            case Double d -> writeDouble(gen, d);
            case Float f -> writeDouble(gen, f.doubleValue());
            case Number n -> gen.writeNumber(n.toString());
            case Enum<?> e -> gen.writeString(e.name());
            case JsonObject o -> writeValue(gen, o.asMap(), depth);
            case Map<?, ?> map -> {
                gen.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    gen.writeFieldName(String.valueOf(e.getKey()));
                    writeValue(gen, e.getValue(), depth + 1);
                }
                gen.writeEndObject();
            }
            case Iterable<?> items -> {
                gen.writeStartArray();
                for (Object item : items) {
                    writeValue(gen, item, depth + 1);
                }
                gen.writeEndArray();
            }
            default -> throw new JsonException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeDouble(JsonGenerator gen, double d) throws IOException {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            gen.writeNull(); // JSON has no NaN/Infinity; null is what a reader can cope with
        } else {
            gen.writeNumber(d);
        }
    }
}
