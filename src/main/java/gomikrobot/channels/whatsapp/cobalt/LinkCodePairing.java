package gomikrobot.channels.whatsapp.cobalt;

import it.auties.curve25519.Curve25519;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.signal.keypair.SignalKeyPair;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pairing by an 8-character code: the companion's half of WhatsApp's link-code flow (as whatsmeow's
 * {@code pair-code.go} implements it), spoken over cobalt's public {@code sendNode}. cobalt 0.0.10's own flow
 * cannot succeed: its code has 5 characters, it encrypts the key bundle with one nonce and sends another, and it
 * names a platform id WhatsApp does not list. So the client is built in QR mode (cobalt then sends no hello of
 * its own and its handler of the phone's answer stops before touching the keys), and this class sends the hello,
 * and on the phone's answer derives the shared secret, sends the key bundle and puts the secret where cobalt's
 * own pair-success check looks for it. cobalt completes the rest: pair-success, signing, login.
 */
final class LinkCodePairing {
    /** whatsmeow's alphabet: no 0, I, O or U, nothing a person misreads. */
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTVWXYZ";
    static final int CODE_LENGTH = 8;
    private static final int PBKDF2_ROUNDS = 2 << 16;
    private static final String PLATFORM_CHROME = "1";
    private static final Jid SERVER = JidServer.whatsapp().toJid();

    private record Hello(String code, String ref, SignalKeyPair ephemeral) {
    }

    private final Whatsapp client;
    private final Jid phone;
    private final Consumer<Throwable> failures;
    private final SecureRandom random = new SecureRandom();
    private volatile Hello hello;

    /** @param failures told when the phone's answer cannot be completed (the attempt then fails) */
    LinkCodePairing(Whatsapp client, long phoneNumber, Consumer<Throwable> failures) {
        this.client = client;
        this.phone = Jid.of(phoneNumber);
        this.failures = failures;
    }

    /** Sends a companion hello with a fresh code; completes with the code to show. Call once the socket is up. */
    CompletableFuture<String> start() {
        String code = newCode();
        SignalKeyPair ephemeral = SignalKeyPair.random();
        Node reg = Node.of("link_code_companion_reg",
                Map.of("jid", phone, "stage", "companion_hello", "should_show_push_notification", "true"),
                Node.of("link_code_pairing_wrapped_companion_ephemeral_pub", wrap(code, ephemeral.publicKey())),
                Node.of("companion_server_auth_key_pub", client.keys().noiseKeyPair().publicKey()),
                Node.of("companion_platform_id", PLATFORM_CHROME),
                Node.of("companion_platform_display", "Chrome (Linux)"),
                Node.of("link_code_pairing_nonce", new byte[]{0}));
        return client.sendNode(Node.of("iq", Map.of("to", SERVER, "type", "set", "xmlns", "md"), reg))
                .thenApply(answer -> {
                    String ref = answer.findChild("link_code_companion_reg")
                            .flatMap(n -> n.findChild("link_code_pairing_ref"))
                            .flatMap(Node::contentAsBytes)
                            .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                            .orElseThrow(() -> new IllegalStateException("WhatsApp refused the pairing code request"));
                    hello = new Hello(code, ref, ephemeral);
                    return code;
                });
    }

    /** A node listener: the phone took the code ({@code notification type=link_code_companion_reg}). */
    void onNode(Node node) {
        Hello current = hello;
        if (current == null || !node.description().equals("notification")
                || !"link_code_companion_reg".equals(node.attributes().getString("type", ""))) {
            return;
        }
        Node reg = node.findChild("link_code_companion_reg").orElse(null);
        if (reg == null || !current.ref().equals(text(reg, "link_code_pairing_ref"))) {
            return; // the answer to an older hello
        }
        try {
            finish(current, bytes(reg, "link_code_pairing_wrapped_primary_ephemeral_pub"),
                    bytes(reg, "primary_identity_pub"));
        } catch (GeneralSecurityException | RuntimeException e) {
            failures.accept(new IllegalStateException("the phone's answer to the pairing code could not be used: "
                    + e.getMessage(), e));
        }
    }

    private void finish(Hello current, byte[] wrappedPrimaryEphemeral, byte[] primaryIdentity)
            throws GeneralSecurityException {
        byte[] primaryEphemeral = unwrap(current.code(), wrappedPrimaryEphemeral);
        byte[] ephemeralShared = Curve25519.sharedKey(primaryEphemeral, current.ephemeral().privateKey());
        SignalKeyPair identity = client.keys().identityKeyPair();
        byte[] advRandom = randomBytes(32);
        byte[] bundleSalt = randomBytes(32);
        byte[] nonce = randomBytes(12);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hkdf(ephemeralShared, bundleSalt,
                "link_code_pairing_key_bundle_encryption_key"), "AES"), new GCMParameterSpec(128, nonce));
        byte[] bundle = concat(bundleSalt, nonce, gcm.doFinal(concat(identity.publicKey(), primaryIdentity, advRandom)));
        byte[] identityShared = Curve25519.sharedKey(primaryIdentity, identity.privateKey());
        byte[] advSecret = hkdf(concat(ephemeralShared, identityShared, advRandom), null, "adv_secret");
        // cobalt checks pair-success's HMAC against the companion key pair's public half: that slot holds the secret
        client.keys().setCompanionKeyPair(new SignalKeyPair(advSecret, client.keys().companionKeyPair().privateKey()));
        client.sendNode(Node.of("iq", Map.of("to", SERVER, "type", "set", "xmlns", "md"),
                Node.of("link_code_companion_reg", Map.of("jid", phone, "stage", "companion_finish"),
                        Node.of("link_code_pairing_wrapped_key_bundle", bundle),
                        Node.of("companion_identity_public", identity.publicKey()),
                        Node.of("link_code_pairing_ref", current.ref().getBytes(StandardCharsets.UTF_8)))));
    }

    private String newCode() {
        BigInteger bits = new BigInteger(1, randomBytes(CODE_LENGTH * 5 / 8));
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = CODE_LENGTH - 1; i >= 0; i--) {
            code.append(ALPHABET.charAt(bits.shiftRight(5 * i).intValue() & 31));
        }
        return code.toString();
    }

    /** salt (32) || iv (16) || AES-CTR(PBKDF2(code, salt), iv, key): how both sides hide their ephemeral keys. */
    private byte[] wrap(String code, byte[] key) {
        try {
            byte[] salt = randomBytes(32);
            byte[] iv = randomBytes(16);
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.ENCRYPT_MODE, codeKey(code, salt), new IvParameterSpec(iv));
            return concat(salt, iv, ctr.doFinal(key));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot encrypt the pairing key: " + e.getMessage(), e);
        }
    }

    private static byte[] unwrap(String code, byte[] wrapped) throws GeneralSecurityException {
        if (wrapped.length != 80) {
            throw new GeneralSecurityException("wrapped key has " + wrapped.length + " bytes, expected 80");
        }
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.DECRYPT_MODE, codeKey(code, Arrays.copyOfRange(wrapped, 0, 32)),
                new IvParameterSpec(wrapped, 32, 16));
        return ctr.doFinal(wrapped, 48, 32);
    }

    private static SecretKeySpec codeKey(String code, byte[] salt) throws GeneralSecurityException {
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(code.toCharArray(), salt, PBKDF2_ROUNDS, 256)).getEncoded();
        return new SecretKeySpec(key, "AES");
    }

    private static byte[] hkdf(byte[] ikm, byte[] salt, String info) throws GeneralSecurityException {
        HKDFParameterSpec.Builder extract = HKDFParameterSpec.ofExtract().addIKM(ikm);
        if (salt != null) {
            extract = extract.addSalt(salt);
        }
        return KDF.getInstance("HKDF-SHA256").deriveData(extract.thenExpand(info.getBytes(StandardCharsets.UTF_8), 32));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(Node parent, String child) {
        return parent.findChild(child).flatMap(Node::contentAsBytes)
                .orElseThrow(() -> new IllegalArgumentException("missing " + child));
    }

    private static String text(Node parent, String child) {
        return parent.findChild(child).flatMap(Node::contentAsBytes)
                .map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
