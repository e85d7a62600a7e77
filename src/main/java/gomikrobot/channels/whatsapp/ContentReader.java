package gomikrobot.channels.whatsapp;

import gomikrobot.channels.whatsapp.WaMessage.Content;
import gomikrobot.observe.Log;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns a message's content into the text (and saved file) the agent sees. {@link #preview} never touches the
 * network and is used for refused senders; {@link #read} downloads, saves and transcribes, and is only used
 * for admitted ones. A failed download or transcription still yields a message saying so, so the agent can
 * answer instead of staying silent.
 */
final class ContentReader {
    static final String TRANSCRIPT_PREFIX = "[Audio Transcript]: ";

    /** The agent's view of one message. {@code mediaPath} is "" when nothing was saved. */
    record Read(String text, String mediaPath) {
    }

    private final MediaSaver saver;
    private final Transcriber transcriber;
    private final Log log;

    ContentReader(MediaSaver saver, Transcriber transcriber, Log log) {
        this.saver = saver;
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
            case Content.Image image -> readImage(messageId, image);
            case Content.Audio audio -> readAudio(messageId, audio);
            case Content.Document doc -> readDocument(messageId, doc);
            case Content.Text text -> new Read(text.text(), "");
            case Content.Reaction reaction -> new Read(preview(reaction), "");
            case Content.Ignored ignored -> new Read("", "");
        };
    }

    private Read readImage(String id, Content.Image image) throws InterruptedException {
        Path saved = save(MediaSaver.Kind.IMAGE, id, image.mimeType(), null, image.media());
        String text = preview(image);
        return saved == null ? new Read(text + " (the image could not be downloaded)", "") : new Read(text, saved.toString());
    }

    private Read readAudio(String id, Content.Audio audio) throws InterruptedException {
        Path saved = save(MediaSaver.Kind.AUDIO, id, audio.mimeType(), null, audio.media());
        if (saved == null) {
            return new Read("[Audio message could not be downloaded]", "");
        }
        try {
            return new Read(TRANSCRIPT_PREFIX + transcriber.transcribe(saved), saved.toString());
        } catch (IOException | RuntimeException e) {
            log.warn("WhatsApp audio transcription failed", "message_id", id, "error", e.getMessage());
            return new Read("[Audio message could not be transcribed]", saved.toString());
        }
    }

    private Read readDocument(String id, Content.Document doc) throws InterruptedException {
        Path saved = save(MediaSaver.Kind.DOCUMENT, id, doc.mimeType(), doc.fileName(), doc.media());
        String text = documentText(doc);
        return saved == null ? new Read(text + " (the file could not be downloaded)", "") : new Read(text, saved.toString());
    }

    private Path save(MediaSaver.Kind kind, String id, String mime, String name, WaMessage.MediaSource media)
            throws InterruptedException {
        try {
            return saver.save(kind, id, mime, name, media.download());
        } catch (IOException | RuntimeException e) {
            log.warn("WhatsApp media download failed", "message_id", id, "kind", kind, "error", e.getMessage());
            return null;
        }
    }

    private static String documentText(Content.Document doc) {
        String name = blank(doc.fileName()) ? "unnamed" : doc.fileName().strip();
        return blank(doc.caption()) ? "[Document: " + name + "]" : "[Document: " + name + "] " + doc.caption().strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
