package gomikrobot.group;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns envelopes into signed record values and back. The signature is HMAC-SHA256, keyed with
 * {@code group.secret}, over a canonical encoding: a domain label, the group's name, then the envelope as compact
 * JSON with every object's keys sorted, so any member computes the same bytes from the same record whatever
 * order its JSON came in. A record without a signature, or with one the secret did not make, is rejected before
 * anything reads its payload. The secret never leaves this class.
 */
public final class RecordCodec {
    private static final String DOMAIN = "gomikrobot-group-v1\n";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String SIGNATURE = "signature";

    private final SecretKeySpec key;
    private final String groupName;

    /** What a record value turned out to be. */
    public sealed interface Decoded {
        record Valid(Envelope envelope) implements Decoded {
        }

        record Rejected(DropReason reason, String detail) implements Decoded {
        }
    }

    public RecordCodec(String secret, String groupName) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a group needs its secret");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.groupName = groupName;
    }

    /** The record value: the envelope's JSON with its signature. */
    public byte[] encode(Envelope e) {
        Map<String, Object> signed = e.toMap();
        signed.put(SIGNATURE, HexFormat.of().formatHex(mac(signed)));
        return Json.write(signed).getBytes(StandardCharsets.UTF_8);
    }

    public Decoded decode(byte[] value) {
        Map<String, Object> fields;
        try {
            if (!(Json.parse(new String(value, StandardCharsets.UTF_8)) instanceof Map<?, ?> map)) {
                return new Decoded.Rejected(DropReason.MALFORMED, "not a JSON object");
            }
            fields = JsonObject.of(map).toMutableMap();
        } catch (JsonException e) {
            return new Decoded.Rejected(DropReason.MALFORMED, "not JSON");
        }
        if (!(fields.remove(SIGNATURE) instanceof String signature) || signature.isEmpty()) {
            return new Decoded.Rejected(DropReason.UNSIGNED, "no signature");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException e) {
            return new Decoded.Rejected(DropReason.BAD_SIGNATURE, "signature is not hex");
        }
        if (!MessageDigest.isEqual(given, mac(fields))) {
            return new Decoded.Rejected(DropReason.BAD_SIGNATURE, "signature does not match");
        }
        return envelope(JsonObject.of(fields));
    }

    private static Decoded envelope(JsonObject f) {
        try {
            Kind kind = Kind.ofType(f.string("type", ""));
            if (kind == null) {
                return new Decoded.Rejected(DropReason.MALFORMED, "unknown type " + f.string("type", ""));
            }
            return new Decoded.Valid(new Envelope(kind, f.string("id", ""), f.string("correlation_id", ""),
                    f.string("sender_id", ""), Instant.parse(f.string("timestamp", "")), f.object("payload")));
        } catch (JsonException | DateTimeParseException | IllegalArgumentException e) {
            return new Decoded.Rejected(DropReason.MALFORMED, e.getMessage());
        }
    }

    /** The signature's bytes; the record carries them as hex. */
    private byte[] mac(Map<String, Object> fields) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] canonical = (DOMAIN + groupName + "\n" + Json.write(Json.sortedKeys(fields)))
                    .getBytes(StandardCharsets.UTF_8);
            return mac.doFinal(canonical);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
