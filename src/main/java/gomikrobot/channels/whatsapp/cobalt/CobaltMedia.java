package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.Attachment;
import gomikrobot.channels.whatsapp.EncryptedMedia;
import it.auties.whatsapp.model.media.MediaKeys;
import it.auties.whatsapp.model.message.model.MediaMessage;
import it.auties.whatsapp.util.Medias;
import java.net.URI;
import java.util.Optional;

/**
 * Describes a cobalt media message as an {@link Attachment} for our own downloader, because cobalt 0.0.10's
 * {@code downloadMedia} always fails (it rejects every padded plaintext) and then asks the phone to upload the file
 * again. The address is the message's direct path on WhatsApp's media host ({@link Medias#createMediaUrl}), else
 * its URL; the keys are the media key expanded by cobalt's HKDF ({@link MediaKeys#of}) with the attachment type's
 * info string ("WhatsApp Image Keys", …); hashes and size are taken as announced and checked by the downloader.
 */
final class CobaltMedia {
    private CobaltMedia() {
    }

    static Attachment of(MediaMessage<?> message) {
        byte[] mediaKey = message.mediaKey().orElse(new byte[0]);
        if (mediaKey.length == 0) {
            return new Attachment.Unavailable("the message carries no media key");
        }
        Optional<String> keyName = message.attachmentType().keyName();
        if (keyName.isEmpty()) {
            return new Attachment.Unavailable("WhatsApp gives " + message.attachmentType() + " attachments no key");
        }
        Optional<String> address = address(message);
        if (address.isEmpty()) {
            return new Attachment.Unavailable("the message names no download address");
        }
        try {
            MediaKeys keys = MediaKeys.of(mediaKey, keyName.get());
            return new EncryptedMedia(URI.create(address.get()), keys.iv(), keys.cipherKey(), keys.macKey(),
                    message.mediaEncryptedSha256().orElse(null), message.mediaSha256().orElse(null),
                    message.mediaSize().orElse(-1));
        } catch (IllegalArgumentException e) {
            return new Attachment.Unavailable("the message's media fields are malformed: " + e.getMessage());
        }
    }

    /** The direct path on WhatsApp's host when it is a path; else the URL the message carries. */
    private static Optional<String> address(MediaMessage<?> message) {
        Optional<String> path = message.mediaDirectPath().filter(p -> p.startsWith("/") && !p.startsWith("//"));
        return path.map(Medias::createMediaUrl).or(() -> message.mediaUrl().filter(url -> !url.isBlank()));
    }
}
