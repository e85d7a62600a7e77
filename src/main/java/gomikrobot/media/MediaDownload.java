package gomikrobot.media;

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
import java.util.OptionalLong;

/**
 * Saves one attachment a channel received with a single GET that must end within {@code timeout} (never a
 * retry), streaming the body through the channel's {@link Body} (a plain copy, or a decryption that checks as it
 * goes) into a temp file of {@link MediaFiles}, which is moved to its name only when every check passed;
 * whatever fails, the temp file is gone and the result says why, in words for the agent and the timeline. The
 * size cap is checked against Content-Length when the answer starts and against the bytes as they arrive.
 */
public final class MediaDownload {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** What became of one download. */
    public sealed interface Result {
        record Saved(Path file) implements Result {
        }

        record Failed(String reason) implements Result {
        }
    }

    /** Turns the downloaded body into the file's bytes as it streams past; fails with the first check that does not hold. */
    @FunctionalInterface
    public interface Body {
        void copy(InputStream body, OutputStream file) throws IOException, MediaFailure;
    }

    private final HttpClient http;
    private final MediaFiles files;
    private final SizeCap cap;
    private final Duration timeout;
    private final String server;

    /** @param server who serves the files, for failures ("WhatsApp's media server", "Telegram's file server") */
    public MediaDownload(HttpClient http, MediaFiles files, SizeCap cap, Duration timeout, String server) {
        this.http = http;
        this.files = files;
        this.cap = cap;
        this.timeout = timeout;
        this.server = server;
    }

    /** The client downloads use: 10 s to connect, redirects followed (never from https to http). */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public SizeCap cap() {
        return cap;
    }

    /** Saves the file at {@code url} as it is, within the cap. */
    public Result save(URI url, MediaFiles.Kind kind, String messageId, String mimeType, String originalName)
            throws InterruptedException {
        return save(url, cap.bytes(), this::copyCapped, kind, messageId, mimeType, originalName);
    }

    /**
     * Saves the body at {@code url}, turned into the file by {@code body}, as {@link MediaFiles#target}; an answer
     * announcing more than {@code maxBodyBytes} is not read.
     */
    public Result save(URI url, long maxBodyBytes, Body body, MediaFiles.Kind kind, String messageId, String mimeType,
                       String originalName) throws InterruptedException {
        Path temp = null;
        try {
            Path target = files.target(kind, messageId, mimeType, originalName);
            temp = files.newTempFile();
            fetch(url, maxBodyBytes, body, temp);
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

    private void fetch(URI url, long maxBodyBytes, Body copier, Path temp)
            throws MediaFailure, IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<InputStream> response = send(HttpRequest.newBuilder(url).timeout(timeout).GET().build());
        long left = timeout.toNanos() - (System.nanoTime() - started);
        try (InputStream body = response.body(); Deadline deadline = new Deadline(left, body)) {
            requireOk(response.statusCode());
            OptionalLong length = response.headers().firstValueAsLong("Content-Length");
            if (length.isPresent() && length.getAsLong() > maxBodyBytes) {
                throw cap.exceeded(length.getAsLong());
            }
            try (OutputStream out = Files.newOutputStream(temp)) {
                copier.copy(body, out);
            } catch (IOException e) {
                throw deadline.expired() ? timedOut() : new MediaFailure("the download broke off: " + e.getMessage());
            }
        }
    }

    private void copyCapped(InputStream body, OutputStream out) throws IOException, MediaFailure {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = body.read(buffer)) != -1) {
            total += n;
            if (total > cap.bytes()) {
                throw cap.exceeded(-1);
            }
            out.write(buffer, 0, n);
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws MediaFailure, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw timedOut();
        } catch (IOException e) {
            throw new MediaFailure(server + " could not be reached: " + e.getMessage());
        }
    }

    private void requireOk(int status) throws MediaFailure {
        if (status == 404 || status == 410) {
            throw new MediaFailure(server + " no longer has the file (HTTP " + status
                    + "); it expired or was removed, and it is not asked for again");
        }
        if (status != 200) {
            throw new MediaFailure(server + " answered HTTP " + status);
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
