package gomikrobot.channels.whatsapp;

import gomikrobot.channels.InboundMedia;
import gomikrobot.channels.InboundMedia.Read;
import gomikrobot.channels.whatsapp.WaMessage.Content;
import gomikrobot.media.MediaDownload;
import gomikrobot.media.MediaFiles;

/**
 * Turns a WhatsApp message's content into the text (and saved file) the agent sees, in the words every channel
 * uses ({@link InboundMedia}). {@link #preview} never touches the network and is used for refused senders;
 * {@link #read} downloads, saves and transcribes, and is only used for admitted ones.
 */
final class ContentReader {
    private final MediaDownloader downloader;
    private final InboundMedia media;

    ContentReader(MediaDownloader downloader, InboundMedia media) {
        this.downloader = downloader;
        this.media = media;
    }

    /** A text stand-in that needs no download: caption, file name or a bracketed kind. */
    static String preview(Content content) {
        return switch (content) {
            case Content.Text text -> text.text();
            case Content.Image image -> InboundMedia.imageText(image.caption());
            case Content.Audio audio -> InboundMedia.audioText(audio.voice());
            case Content.Document doc -> InboundMedia.documentText(doc.fileName(), doc.caption());
            case Content.Reaction reaction -> "[Reaction: " + reaction.emoji() + "]";
            case Content.Ignored ignored -> "";
        };
    }

    Read read(String messageId, Content content) throws InterruptedException {
        return switch (content) {
            case Content.Image image -> InboundMedia.withFile(preview(image),
                    save(MediaFiles.Kind.IMAGE, messageId, image.mimeType(), null, image.media()));
            case Content.Audio audio -> media.audio(messageId, audio.voice(),
                    save(MediaFiles.Kind.AUDIO, messageId, audio.mimeType(), null, audio.media()));
            case Content.Document doc -> InboundMedia.withFile(preview(doc),
                    save(MediaFiles.Kind.DOCUMENT, messageId, doc.mimeType(), doc.fileName(), doc.media()));
            case Content.Text text -> new Read(text.text(), "");
            case Content.Reaction reaction -> new Read(preview(reaction), "");
            case Content.Ignored ignored -> new Read("", "");
        };
    }

    private MediaDownload.Result save(MediaFiles.Kind kind, String id, String mime, String name, Attachment file)
            throws InterruptedException {
        return media.logged(downloader.download(file, kind, id, mime, name), id, kind);
    }
}
