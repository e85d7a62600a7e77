package gomikrobot.channels.whatsapp.cobalt;

import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.crypto.CipheredMessageResult;
import it.auties.whatsapp.crypto.SessionBuilder;
import it.auties.whatsapp.crypto.SessionCipher;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.signal.keypair.SignalPreKeyPair;
import it.auties.whatsapp.model.signal.keypair.SignalSignedKeyPair;
import it.auties.whatsapp.model.signal.message.SignalMessage;
import it.auties.whatsapp.model.signal.session.SessionAddress;
import it.auties.whatsapp.util.Bytes;
import it.auties.whatsapp.util.SignalConstants;
import java.util.UUID;

/**
 * A contact's device that opened a Signal session to us, as the contact's app would after fetching our
 * pre-key bundle: it encrypts what its person writes and decrypts our answers, with cobalt's own Signal
 * classes on keys of its own.
 */
final class SignalPeer {
    private final SessionCipher toUs;

    private SignalPeer(SessionCipher toUs) {
        this.toUs = toUs;
    }

    /** A device that fetched {@code ours}' bundle (a fresh one-time pre-key is added to {@code ours}) for {@code ourAddress}. */
    static SignalPeer towards(Keys ours, SessionAddress ourAddress) {
        SignalPreKeyPair oneTime = SignalPreKeyPair.random(ours.lastPreKeyId() + 1);
        ours.addPreKey(oneTime);
        Keys device = Keys.of(UUID.randomUUID(), null, null, ClientType.WEB);
        SignalSignedKeyPair signed = ours.signedKeyPair();
        new SessionBuilder(ourAddress, device).createOutgoing(ours.registrationId(),
                SignalConstants.createSignalKey(ours.identityKeyPair().publicKey()),
                new SignalSignedKeyPair(signed.id(), signed.publicKey(), null, signed.signature()),
                new SignalSignedKeyPair(oneTime.id(), oneTime.publicKey(), null, null));
        return new SignalPeer(new SessionCipher(ourAddress, device));
    }

    /** A text message as the contact's app encrypts it: {@code pkmsg} until we answered, {@code msg} after. */
    CipheredMessageResult send(String text) {
        return toUs.encrypt(Bytes.messageToBytes(MessageContainer.of(text)));
    }

    /** Reads our answer (a {@code msg}), stepping the contact's ratchet. */
    void receive(byte[] signalMessage) {
        toUs.decrypt(SignalMessage.ofSerialized(signalMessage));
    }
}
