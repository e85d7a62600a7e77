package gomikrobot.channels.whatsapp;

import gomikrobot.channels.whatsapp.WaMessage.Content;
import gomikrobot.observe.Log;
import java.io.IOException;

/**
 * Turns a message's content into the text (and saved file) the agent sees. {@link #preview} never touches the
 * network and is used for refused senders; {@link #read} downloads, saves and transcribes, and is only used
 * for admitted ones. A failed download or transcription still yields a message saying so and why, so the agent
 * can answer instead of staying silent, and the reason is in the message's timeline row.
 */
final class ContentReader {
    static final String TRANSCRIPT_PREFIX = "[Audio Transcript]: ";

    /** The agent's view of one message. {@code mediaPath} is "" when nothing was saved. */
    record Read(String text, String mediaPath) {
    }

    private final MediaDownloader downloader;
    private final Transcriber transcriber;
    private final Log log;

    ContentReader(MediaDownloader downloader, Transcriber transcriber, Log log) {
        this.downloader = downloader;
        this.transcriber = transcriber;
        this.log = log;
    }

    /** A text stand-in that needs no download: caption, file name or a bracketed kind. */
    static String preview(Content content) {
        return switch (content) {
            case Content.Text text -> text.text();
            case Content.Image image -> blank(image.caption()) ? "[Image]" : image.caption();
            case Content.Audio audio -> audio.voice() ? "[Voice note]" : "[Audio]";
            case Content.Document doc -> documentText(doc);
            case Content.Reaction reaction -> "[Reaction: " + reaction.emoji() + "]";
            case Content.Ignored ignored -> "";
        };
    }

    Read read(String messageId, Content content) throws InterruptedException {
        return switch (content) {
            case Content.Image image -> withMedia(preview(image),
                    save(MediaFiles.Kind.IMAGE, messageId, image.mimeType(), null, image.media()));
            case Content.Audio audio -> readAudio(messageId, audio);
            case Content.Document doc -> withMedia(documentText(doc),
                    save(MediaFiles.Kind.DOCUMENT, messageId, doc.mimeType(), doc.fileName(), doc.media()));
            case Content.Text text -> new Read(text.text(), "");
            case Content.Reaction reaction -> new Read(preview(reaction), "");
            case Content.Ignored ignored -> new Read("", "");
        };
    }

    private Read readAudio(String id, Content.Audio audio) throws InterruptedException {
        MediaDownloader.Result result = save(MediaFiles.Kind.AUDIO, id, audio.mimeType(), null, audio.media());
        if (!(result instanceof MediaDownloader.Result.Saved saved)) {
            return withMedia(preview(audio), result);
        }
        try {
            return new Read(TRANSCRIPT_PREFIX + transcriber.transcribe(saved.file()), saved.file().toString());
        } catch (IOException | RuntimeException e) {
            log.warn("WhatsApp audio transcription failed", "message_id", id, "error", e.getMessage());
            // the reason stays in the log: a provider's error text is not for the chat
            return new Read(preview(audio) + " (it could not be transcribed)", saved.file().toString());
        }
    }

    /** The text with the saved file, or with a note saying the attachment is missing and why. */
    private static Read withMedia(String text, MediaDownloader.Result result) {
        return switch (result) {
            case MediaDownloader.Result.Saved saved -> new Read(text, saved.file().toString());
            case MediaDownloader.Result.Failed failed ->
                    new Read(text + " (the attachment could not be downloaded: " + failed.reason() + ")", "");
        };
    }

    private MediaDownloader.Result save(MediaFiles.Kind kind, String id, String mime, String name, Attachment media)
            throws InterruptedException {
        MediaDownloader.Result result = downloader.download(media, kind, id, mime, name);
        if (result instanceof MediaDownloader.Result.Failed failed) {
            log.warn("WhatsApp media download failed", "message_id", id, "kind", kind, "reason", failed.reason());
        }
        return result;
    }

    private static String documentText(Content.Document doc) {
        String name = blank(doc.fileName()) ? "unnamed" : doc.fileName().strip();
        return blank(doc.caption()) ? "[Document: " + name + "]" : "[Document: " + name + "] " + doc.caption().strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
