package gomikrobot.channels;

import gomikrobot.media.MediaDownload;
import gomikrobot.media.MediaFiles;
import gomikrobot.observe.Log;
import java.io.IOException;

/**
 * What the agent reads for a message that carries a file, the same on every channel: the words that stand in for
 * the file ({@code [Image]} or its caption, {@code [Voice note]}, {@code [Document: name] caption}), the saved
 * file's path, a voice note's transcript ({@code [Audio Transcript]: …}), or a note that the file is missing and
 * why. A failed download or transcription still yields a message saying so, so the agent can answer instead of
 * staying silent, and the reason is in the message's timeline row; a provider's error text stays in the log.
 */
public final class InboundMedia {
    public static final String TRANSCRIPT_PREFIX = "[Audio Transcript]: ";

    /** The agent's view of one message. {@code mediaPath} is "" when nothing was saved. */
    public record Read(String text, String mediaPath) {
    }

    private final Transcriber transcriber;
    private final String channel;
    private final Log log;

    /** @param channel how the log names the channel ("WhatsApp", "Telegram") */
    public InboundMedia(Transcriber transcriber, String channel, Log log) {
        this.transcriber = transcriber;
        this.channel = channel;
        this.log = log;
    }

    public static String imageText(String caption) {
        return blank(caption) ? "[Image]" : caption;
    }

    public static String audioText(boolean voice) {
        return voice ? "[Voice note]" : "[Audio]";
    }

    public static String documentText(String fileName, String caption) {
        String name = blank(fileName) ? "unnamed" : fileName.strip();
        return blank(caption) ? "[Document: " + name + "]" : "[Document: " + name + "] " + caption.strip();
    }

    /** The text with the saved file, or with a note saying the attachment is missing and why. */
    public static Read withFile(String text, MediaDownload.Result result) {
        return switch (result) {
            case MediaDownload.Result.Saved saved -> new Read(text, saved.file().toString());
            case MediaDownload.Result.Failed failed ->
                    new Read(text + " (the attachment could not be downloaded: " + failed.reason() + ")", "");
        };
    }

    /** A saved voice note or audio file as its transcript; the stand-in words when it is missing or unreadable. */
    public Read audio(String messageId, boolean voice, MediaDownload.Result result) throws InterruptedException {
        if (!(result instanceof MediaDownload.Result.Saved saved)) {
            return withFile(audioText(voice), result);
        }
        try {
            return new Read(TRANSCRIPT_PREFIX + transcriber.transcribe(saved.file()), saved.file().toString());
        } catch (IOException | RuntimeException e) {
            log.warn(channel + " audio transcription failed", "message_id", messageId, "error", e.getMessage());
            return new Read(audioText(voice) + " (it could not be transcribed)", saved.file().toString());
        }
    }

    /** Logs a failed download (once, here, for every channel) and hands the result on. */
    public MediaDownload.Result logged(MediaDownload.Result result, String messageId, MediaFiles.Kind kind) {
        if (result instanceof MediaDownload.Result.Failed failed) {
            log.warn(channel + " media download failed", "message_id", messageId, "kind", kind, "reason",
                    failed.reason());
        }
        return result;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
