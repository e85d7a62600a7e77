package gomikrobot.channels.whatsapp.cobalt;

import it.auties.curve25519.Curve25519;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.signal.auth.DeviceIdentity;
import it.auties.whatsapp.model.signal.auth.DeviceIdentitySpec;
import it.auties.whatsapp.model.signal.auth.SignedDeviceIdentity;
import it.auties.whatsapp.model.signal.auth.SignedDeviceIdentityHMAC;
import it.auties.whatsapp.model.signal.auth.SignedDeviceIdentityHMACSpec;
import it.auties.whatsapp.model.signal.auth.SignedDeviceIdentitySpec;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primary device's half of WhatsApp's link-code flow (whatsmeow's {@code pair-code.go}, seen from the phone),
 * written independently of the code under test: X25519 through the JDK's XDH, HKDF by hand over HMAC-SHA256.
 * It reads the companion's hello with the code the person typed, answers with its own ephemeral key, opens the
 * key bundle, derives the shared advertising secret, and confirms the device as the server would.
 */
final class SimulatedPhone {
    static final long NUMBER = 4915112345678L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String code;
    private final byte[] companionEphemeral;
    private final byte[] ephemeralPrivate = Curve25519.randomPrivateKey();
    private final byte[] identityPrivate = Curve25519.randomPrivateKey();
    private byte[] ephemeralShared;

    /** The person typed {@code code}; {@code wrappedCompanionEphemeral} came in the companion's hello. */
    SimulatedPhone(String code, byte[] wrappedCompanionEphemeral) throws GeneralSecurityException {
        this.code = code;
        this.companionEphemeral = unwrap(wrappedCompanionEphemeral);
    }

    byte[] identityPublic() {
        return Curve25519.getPublicKey(identityPrivate);
    }

    /** The server's notification carrying the phone's answer to the hello of pairing {@code ref}. */
    Node primaryHello(String ref) throws GeneralSecurityException {
        ephemeralShared = x25519(ephemeralPrivate, companionEphemeral);
        byte[] salt = random(32);
        byte[] iv = random(16);
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, codeKey(salt), new IvParameterSpec(iv));
        byte[] wrapped = concat(salt, iv, cipher.doFinal(Curve25519.getPublicKey(ephemeralPrivate)));
        return Node.of("notification", Map.of("from", JidServer.whatsapp().toJid(), "type", "link_code_companion_reg",
                        "id", "pairing-notification", "t", "1767323045"),
                Node.of("link_code_companion_reg", Map.of("stage", "primary_hello"),
                        Node.of("link_code_pairing_ref", ref.getBytes(StandardCharsets.UTF_8)),
                        Node.of("primary_identity_pub", identityPublic()),
                        Node.of("link_code_pairing_wrapped_primary_ephemeral_pub", wrapped)));
    }

    /** Opens the companion's key bundle; returns the advertising secret both sides now share. */
    byte[] openKeyBundle(byte[] bundle) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(hkdf(ephemeralShared, Arrays.copyOfRange(bundle, 0, 32),
                "link_code_pairing_key_bundle_encryption_key"), "AES"), new GCMParameterSpec(128, bundle, 32, 12));
        byte[] plain = gcm.doFinal(bundle, 44, bundle.length - 44);
        if (!Arrays.equals(Arrays.copyOfRange(plain, 32, 64), identityPublic())) {
            throw new GeneralSecurityException("the bundle names another primary identity");
        }
        byte[] companionIdentity = Arrays.copyOfRange(plain, 0, 32);
        byte[] identityShared = x25519(identityPrivate, companionIdentity);
        return hkdf(concat(ephemeralShared, identityShared, Arrays.copyOfRange(plain, 64, 96)), new byte[32], "adv_secret");
    }

    /** The server's pair-success for the companion identity, signed by this phone and sealed with the secret. */
    Node pairSuccess(byte[] advSecret, byte[] companionIdentity) throws GeneralSecurityException {
        byte[] deviceDetails = DeviceIdentitySpec.encode(new DeviceIdentity(1, System.currentTimeMillis() / 1000, 1));
        byte[] accountSignature = Curve25519.sign(identityPrivate, concat(new byte[]{6, 0}, deviceDetails, companionIdentity));
        byte[] details = SignedDeviceIdentitySpec.encode(new SignedDeviceIdentity(deviceDetails, identityPublic(),
                accountSignature, null));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(advSecret, "HmacSHA256"));
        byte[] sealed = SignedDeviceIdentityHMACSpec.encode(new SignedDeviceIdentityHMAC(details, mac.doFinal(details)));
        return Node.of("iq", Map.of("from", JidServer.whatsapp().toJid(), "type", "set", "id", "pair-success-1", "xmlns", "md"),
                Node.of("pair-success", Node.of("device", Map.of("jid", Jid.of(NUMBER + ":9@s.whatsapp.net"))),
                        Node.of("device-identity", sealed)));
    }

    private byte[] unwrap(byte[] wrapped) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, codeKey(Arrays.copyOfRange(wrapped, 0, 32)), new IvParameterSpec(wrapped, 32, 16));
        return cipher.doFinal(wrapped, 48, wrapped.length - 48);
    }

    private SecretKeySpec codeKey(byte[] salt) throws GeneralSecurityException {
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(code.toCharArray(), salt, 2 << 16, 256)).getEncoded();
        return new SecretKeySpec(key, "AES");
    }

    /** RFC 5869 with SHA-256, one block: all the key lengths here are 32 bytes. */
    private static byte[] hkdf(byte[] ikm, byte[] salt, String info) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info.getBytes(StandardCharsets.UTF_8));
        return mac.doFinal(new byte[]{1});
    }

    /** X25519 on raw 32-byte keys with the JDK (public keys are little-endian u-coordinates). */
    private static byte[] x25519(byte[] privateKey, byte[] publicKey) throws GeneralSecurityException {
        byte[] u = publicKey.clone();
        u[31] &= 0x7f;
        for (int i = 0; i < 16; i++) {
            byte swap = u[i];
            u[i] = u[31 - i];
            u[31 - i] = swap;
        }
        KeyFactory keys = KeyFactory.getInstance("XDH");
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(keys.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey)));
        agreement.doPhase(keys.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, u))), true);
        return agreement.generateSecret();
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
