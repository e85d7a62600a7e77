package gomikrobot.channels.whatsapp;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Downloads one attachment with a single GET that must end within {@code timeout} (never a retry, never a request
 * to the phone to upload it again), streams it through {@link MediaDecryptor} into a temp file of
 * {@link MediaFiles}, and moves the file to its name only when every check passed; whatever fails, the temp file is
 * gone and the result says why. The size cap is checked against the announced size before asking, against
 * Content-Length when the answer starts, and against the bytes as they arrive. Only hosts {@code allowedSource}
 * accepts are asked, since the address comes from a message.
 */
final class MediaDownloader {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** What became of one download. */
    sealed interface Result {
        record Saved(Path file) implements Result {
        }

        record Failed(String reason) implements Result {
        }
    }

    private final HttpClient http;
    private final MediaFiles files;
    private final long maxBytes;
    private final Duration timeout;
    private final Predicate<URI> allowedSource;

    MediaDownloader(HttpClient http, MediaFiles files, long maxBytes, Duration timeout, Predicate<URI> allowedSource) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("media size cap must be positive: " + maxBytes);
        }
        this.http = http;
        this.files = files;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.allowedSource = allowedSource;
    }

    /** The production downloader: WhatsApp's media servers only, 30 s per attachment. */
    static MediaDownloader forWhatsApp(Path mediaRoot, long maxBytes) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return new MediaDownloader(http, new MediaFiles(mediaRoot), maxBytes, TIMEOUT,
                MediaDownloader::isWhatsAppMediaServer);
    }

    /** https on {@code whatsapp.net} or a host under it (mmg.whatsapp.net and its regional mirrors). */
    static boolean isWhatsAppMediaServer(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return "https".equalsIgnoreCase(url.getScheme()) && url.getRawUserInfo() == null
                && (host.equals("whatsapp.net") || host.endsWith(".whatsapp.net"));
    }

    /**
     * Saves the attachment of message {@code messageId} as {@link MediaFiles#target}, or says why not; a message
     * that names no downloadable file fails without a request.
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
        Path temp = null;
        try {
            requireFetchable(media);
            Path target = files.target(kind, messageId, mimeType, originalName);
            temp = files.newTempFile();
            fetch(media, temp);
            files.commit(temp, target);
            return new Result.Saved(target);
        } catch (MediaFailure e) {
            return new Result.Failed(e.getMessage());
        } catch (IOException e) {
            return new Result.Failed("the attachment could not be saved: " + e.getMessage());
        } finally {
            deleteQuietly(temp);
        }
    }

    private void requireFetchable(EncryptedMedia media) throws MediaFailure {
        if (!allowedSource.test(media.url())) {
            throw new MediaFailure("the attachment's address is not a WhatsApp media server (" + media.url().getHost()
                    + "); not fetched");
        }
        if (media.declaredSize() > maxBytes) {
            throw MediaFailure.tooLarge(media.declaredSize(), maxBytes);
        }
    }

    private void fetch(EncryptedMedia media, Path temp) throws MediaFailure, IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<InputStream> response = send(HttpRequest.newBuilder(media.url()).timeout(timeout).GET().build());
        long left = timeout.toNanos() - (System.nanoTime() - started);
        try (InputStream body = response.body(); Deadline deadline = new Deadline(left, body)) {
            requireOk(response.statusCode());
            OptionalLong length = response.headers().firstValueAsLong("Content-Length");
            if (length.isPresent() && length.getAsLong() > MediaDecryptor.maxBodyBytes(maxBytes)) {
                throw MediaFailure.tooLarge(length.getAsLong(), maxBytes);
            }
            try (OutputStream out = Files.newOutputStream(temp)) {
                MediaDecryptor.decrypt(media, maxBytes, body, out);
            } catch (IOException e) {
                throw deadline.expired() ? timedOut() : new MediaFailure("the download broke off: " + e.getMessage());
            }
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws MediaFailure, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw timedOut();
        } catch (IOException e) {
            throw new MediaFailure("WhatsApp's media server could not be reached: " + e.getMessage());
        }
    }

    private static void requireOk(int status) throws MediaFailure {
        if (status == 404 || status == 410) {
            throw new MediaFailure("WhatsApp's media server no longer has the file (HTTP " + status
                    + "); it expired or was removed, and the phone is not asked to upload it again");
        }
        if (status != 200) {
            throw new MediaFailure("WhatsApp's media server answered HTTP " + status);
        }
    }

    private MediaFailure timedOut() {
        return new MediaFailure("the download did not finish within " + timeout.toSeconds() + " s");
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // nothing more to do: the hidden .incoming-*.part name is never taken for an attachment
        }
    }

    /** Closes the body when the time is up, so a read stalled on a silent server ends; the reader then times out. */
    private static final class Deadline implements AutoCloseable {
        private final Thread timer;
        private volatile boolean expired;

        Deadline(long nanos, Closeable body) {
            timer = Thread.ofVirtual().name("media-download-deadline").start(() -> {
                try {
                    Thread.sleep(Duration.ofNanos(Math.max(0, nanos)));
                } catch (InterruptedException e) {
                    return; // the download ended first
                }
                expired = true;
                try {
                    body.close();
                } catch (IOException e) {
                    // the blocked read fails either way
                }
            });
        }

        boolean expired() {
            return expired;
        }

        @Override
        public void close() {
            timer.interrupt();
        }
    }
}
