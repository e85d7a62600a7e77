package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.channels.whatsapp.MediaServer.Mode;
import gomikrobot.media.MediaDownload.Result;
import gomikrobot.media.MediaFiles;
import gomikrobot.media.SizeCap;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our downloader against attachments encrypted by the openssl command line and served over real HTTP: it opens
 * what openssl made, and every broken download fails with a reason and leaves nothing in {@code media/}.
 */
class MediaDownloaderTest {
    private static final long CAP = 64 * 1024;

    /** Encrypted once per class: each openssl run is a process start. */
    private static OpensslMedia.Encrypted small;
    private static OpensslMedia.Encrypted mid;
    private static OpensslMedia.Encrypted large;

    @TempDir
    static Path fixtures;
    @TempDir
    Path dir;
    private Path work;
    private Path media;
    private MediaServer server;
    private HttpClient http;

    @BeforeAll
    static void encrypt() throws Exception {
        small = OpensslMedia.encrypt(bytes(3000), OpensslMedia.IMAGE_KEYS, fixtures);
        mid = OpensslMedia.encrypt(bytes(20_000), OpensslMedia.AUDIO_KEYS, fixtures);
        large = OpensslMedia.encrypt(bytes((int) CAP + 4000), OpensslMedia.DOCUMENT_KEYS, fixtures);
    }

    @BeforeEach
    void start() throws IOException {
        work = Files.createDirectory(dir.resolve("openssl"));
        media = dir.resolve("media");
        server = new MediaServer();
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    @Test
    void opensImageAudioAndDocumentEncryptedByOpenssl() throws Exception {
        record Case(MediaFiles.Kind kind, String info, String mime, String name, String expected) {
        }
        for (Case c : List.of(
                new Case(MediaFiles.Kind.IMAGE, OpensslMedia.IMAGE_KEYS, "image/jpeg", null, "images/IMG1.jpg"),
                new Case(MediaFiles.Kind.AUDIO, OpensslMedia.AUDIO_KEYS, "audio/ogg; codecs=opus", null,
                        "audio/IMG1.ogg"),
                new Case(MediaFiles.Kind.DOCUMENT, OpensslMedia.DOCUMENT_KEYS, "application/pdf", "report.pdf",
                        "documents/IMG1.pdf"))) {
            byte[] plain = bytes(5000 + c.kind().ordinal()); // not a multiple of 16: padding is exercised
            var encrypted = OpensslMedia.encrypt(plain, c.info(), work);
            URI url = server.serve(c.kind().name(), encrypted.body(), Mode.WHOLE);
            Result result = downloader(CAP).download(encrypted.at(url), c.kind(), "IMG1", c.mime(), c.name());
            Path saved = media.resolve(c.expected()).toAbsolutePath();
            assertEquals(new Result.Saved(saved), result, c.kind().name());
            assertArrayEquals(plain, Files.readAllBytes(saved), c.kind().name());
        }
        assertEquals(List.of("audio", "documents", "images"), entries(media), "no temp file is left beside them");
    }

    @Test
    void bodyOfUnknownLengthIsOpenedToo() throws Exception {
        var encrypted = OpensslMedia.encrypt(bytes(4096), OpensslMedia.IMAGE_KEYS, work); // a whole number of blocks
        URI url = server.serve("chunked", encrypted.body(), Mode.CHUNKED);
        assertInstanceOf(Result.Saved.class, download(encrypted.at(url)));
    }

    @Test
    void wrongMacFailsAndLeavesNothing() throws Exception {
        var encrypted = small;
        byte[] tampered = encrypted.body().clone();
        tampered[tampered.length - 1] ^= 1;
        var announced = encrypted.withBody(tampered, work); // the hash of the body matches: only the MAC can tell
        assertFailure("MAC does not match", download(announced.at(server.serve("mac", tampered, Mode.WHOLE))));
    }

    @Test
    void alteredCiphertextFailsOnTheMac() throws Exception {
        var encrypted = small;
        byte[] tampered = encrypted.body().clone();
        tampered[100] ^= 1;
        var announced = encrypted.withBody(tampered, work);
        assertFailure("MAC does not match", download(announced.at(server.serve("ct", tampered, Mode.WHOLE))));
    }

    @Test
    void wrongHashOfTheDownloadFails() throws Exception {
        var encrypted = small;
        var wrong = new EncryptedMedia(server.serve("enc", encrypted.body(), Mode.WHOLE), encrypted.iv(),
                encrypted.cipherKey(), encrypted.macKey(), OpensslMedia.sha256(bytes(1), work), encrypted.fileSha256(),
                3000);
        assertFailure("does not match the SHA-256", download(wrong));
    }

    @Test
    void wrongHashOfTheDecryptedFileFails() throws Exception {
        var encrypted = small;
        var wrong = new EncryptedMedia(server.serve("plain", encrypted.body(), Mode.WHOLE), encrypted.iv(),
                encrypted.cipherKey(), encrypted.macKey(), encrypted.fileEncSha256(),
                OpensslMedia.sha256(bytes(2), work), 3000);
        assertFailure("decrypted file does not match", download(wrong));
    }

    @Test
    void fileAnnouncedOverTheCapIsNotEvenRequested() throws Exception {
        var encrypted = small;
        var big = new EncryptedMedia(server.serve("big", encrypted.body(), Mode.WHOLE), encrypted.iv(),
                encrypted.cipherKey(), encrypted.macKey(), encrypted.fileEncSha256(), encrypted.fileSha256(),
                50L * 1024 * 1024);
        Result result = download(big);
        assertFailure("has 50 MiB, more than 64 KiB (channels.whatsapp.maxMediaBytes)", result);
        assertEquals(0, server.requests(), "nothing is fetched");
    }

    @Test
    void bodyOverTheCapIsStoppedWhileStreaming() throws Exception {
        var encrypted = large;
        // the message understates its size and the server sends no length: only counting the bytes can stop it
        var understated = new EncryptedMedia(server.serve("lying", encrypted.body(), Mode.CHUNKED), encrypted.iv(),
                encrypted.cipherKey(), encrypted.macKey(), encrypted.fileEncSha256(), encrypted.fileSha256(), 10);
        assertFailure("larger than 64 KiB", download(understated));
    }

    @Test
    void contentLengthOverTheCapStopsBeforeTheBody() throws Exception {
        var encrypted = large;
        var understated = new EncryptedMedia(server.serve("long", encrypted.body(), Mode.WHOLE), encrypted.iv(),
                encrypted.cipherKey(), encrypted.macKey(), encrypted.fileEncSha256(), encrypted.fileSha256(), -1);
        assertFailure("more than 64 KiB", download(understated));
    }

    @Test
    void truncatedBodyFails() throws Exception {
        var encrypted = mid;
        assertFailure("broke off", download(encrypted.at(server.serve("cut", encrypted.body(), Mode.CUT_SHORT))));
    }

    @Test
    void bodyThatEndsEarlyWithoutALengthIsReportedTruncated() throws Exception {
        var encrypted = mid;
        byte[] half = Arrays.copyOf(encrypted.body(), 10_000);
        assertFailure("truncated: 10000 of 20026 bytes",
                download(encrypted.at(server.serve("half", half, Mode.CHUNKED))));
    }

    @Test
    void stalledServerFailsWhenTheTimeIsUp() throws Exception {
        var encrypted = mid;
        var slow = new MediaDownloader(http, new MediaFiles(media), CAP, Duration.ofSeconds(1), MediaServer::isLocal);
        Result result = slow.download(encrypted.at(server.serve("stall", encrypted.body(), Mode.STALL)),
                MediaFiles.Kind.IMAGE, "S1", "image/jpeg", null);
        assertFailure("did not finish within 1 s", result);
        assertEquals(1, server.requests(), "one request, no retry");
    }

    @Test
    void expiredFileIsNotRequestedAgain() throws Exception {
        var encrypted = small;
        assertFailure("no longer has the file (HTTP 404)", download(encrypted.at(server.serve("gone", new byte[0],
                Mode.GONE))));
        assertEquals(1, server.requests());
    }

    @Test
    void unavailableAttachmentFailsWithItsReasonWithoutARequest() throws Exception {
        Result result = downloader(CAP).download(new Attachment.Unavailable("the message carries no media key"),
                MediaFiles.Kind.IMAGE, "U1", "image/jpeg", null);
        assertEquals(new Result.Failed("the message carries no media key"), result);
        assertEquals(0, server.requests());
    }

    @Test
    void onlyWhatsAppMediaServersAreAsked() throws Exception {
        for (String allowed : List.of("https://mmg.whatsapp.net/v/t62.7118-24/x?ccb=11",
                "https://media-fra5-1.cdn.whatsapp.net/v/x")) {
            assertTrue(MediaDownloader.isWhatsAppMediaServer(URI.create(allowed)), allowed);
        }
        for (String refused : List.of("http://mmg.whatsapp.net/x", "https://mmg.whatsapp.net.evil.example/x",
                "https://evilwhatsapp.net/x", "https://mmg.whatsapp.net@evil.example/x", "https://127.0.0.1/x")) {
            assertFalse(MediaDownloader.isWhatsAppMediaServer(URI.create(refused)), refused);
        }
        var encrypted = small;
        var production = new MediaDownloader(http, new MediaFiles(media), CAP, Duration.ofSeconds(5),
                MediaDownloader::isWhatsAppMediaServer);
        Result result = production.download(encrypted.at(server.serve("local", encrypted.body(), Mode.WHOLE)),
                MediaFiles.Kind.IMAGE, "L1", "image/jpeg", null);
        assertFailure("not a WhatsApp media server", result);
        assertEquals(0, server.requests());
    }

    @Test
    void sizesAreNamedInUnits() {
        assertEquals("32 MiB", SizeCap.inUnits(32L * 1024 * 1024));
        assertEquals("1.5 KiB", SizeCap.inUnits(1536));
        assertEquals("900 bytes", SizeCap.inUnits(900));
    }

    private Result download(EncryptedMedia attachment) throws InterruptedException {
        return downloader(CAP).download(attachment, MediaFiles.Kind.IMAGE, "M1", "image/jpeg", null);
    }

    private MediaDownloader downloader(long cap) {
        return new MediaDownloader(http, new MediaFiles(media), cap, Duration.ofSeconds(10), MediaServer::isLocal);
    }

    private void assertFailure(String expected, Result result) throws IOException {
        var failed = assertInstanceOf(Result.Failed.class, result);
        assertTrue(failed.reason().contains(expected), failed.reason());
        assertEquals(List.of(), entries(media), "nothing is left in media/");
    }

    private static List<String> entries(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }
}
