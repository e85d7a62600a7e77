package gomikrobot.channels.whatsapp;

import gomikrobot.media.MediaDownload;
import gomikrobot.media.MediaDownload.Result;
import gomikrobot.media.MediaFiles;
import gomikrobot.media.SizeCap;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Downloads one WhatsApp attachment through {@link MediaDownload} (one GET within the timeout, never a retry,
 * never a request to the phone to upload it again), decrypting and checking it with {@link MediaDecryptor} as it
 * streams. The announced size is checked against the cap before asking; only hosts {@code allowedSource} accepts
 * are asked, since the address comes from a message.
 */
final class MediaDownloader {
    static final String CAP_SETTING = "channels.whatsapp.maxMediaBytes";

    private final MediaDownload download;
    private final Predicate<URI> allowedSource;

    MediaDownloader(HttpClient http, MediaFiles files, long maxBytes, Duration timeout, Predicate<URI> allowedSource) {
        this.download = new MediaDownload(http, files, new SizeCap(maxBytes, CAP_SETTING), timeout,
                "WhatsApp's media server");
        this.allowedSource = allowedSource;
    }

    /** The production downloader: WhatsApp's media servers only, 30 s per attachment. */
    static MediaDownloader forWhatsApp(Path mediaRoot, long maxBytes) {
        return new MediaDownloader(MediaDownload.httpClient(), new MediaFiles(mediaRoot), maxBytes,
                MediaDownload.TIMEOUT, MediaDownloader::isWhatsAppMediaServer);
    }

    /** https on {@code whatsapp.net} or a host under it (mmg.whatsapp.net and its regional mirrors). */
    static boolean isWhatsAppMediaServer(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return "https".equalsIgnoreCase(url.getScheme()) && url.getRawUserInfo() == null
                && (host.equals("whatsapp.net") || host.endsWith(".whatsapp.net"));
    }

    /**
     * Saves the attachment of message {@code messageId} as {@link MediaFiles#target}, or says why not; a message
     * that names no downloadable file, or one too large or elsewhere, fails without a request.
     */
    Result download(Attachment attachment, MediaFiles.Kind kind, String messageId, String mimeType,
                    String originalName) throws InterruptedException {
        return switch (attachment) {
            case Attachment.Unavailable unavailable -> new Result.Failed(unavailable.reason());
            case EncryptedMedia media -> download(media, kind, messageId, mimeType, originalName);
        };
    }

    private Result download(EncryptedMedia media, MediaFiles.Kind kind, String messageId, String mimeType,
                            String originalName) throws InterruptedException {
        SizeCap cap = download.cap();
        if (!allowedSource.test(media.url())) {
            return new Result.Failed("the attachment's address is not a WhatsApp media server ("
                    + media.url().getHost() + "); not fetched");
        }
        if (media.declaredSize() > cap.bytes()) {
            return new Result.Failed(cap.exceeded(media.declaredSize()).getMessage());
        }
        return download.save(media.url(), MediaDecryptor.maxBodyBytes(cap.bytes()),
                (body, file) -> MediaDecryptor.decrypt(media, cap, body, file), kind, messageId, mimeType,
                originalName);
    }
}
