package gomikrobot.channels.telegram;

import gomikrobot.channels.InboundMedia;
import gomikrobot.channels.InboundMedia.Read;
import gomikrobot.channels.telegram.TgMessage.Content;
import gomikrobot.channels.telegram.WireFormat.TgFile;
import gomikrobot.media.MediaDownload;
import gomikrobot.media.MediaFiles;
import gomikrobot.media.SizeCap;
import java.util.Locale;

/**
 * Turns a Telegram message's content into the text (and saved file) the agent sees, in the words every channel
 * uses ({@link InboundMedia}). {@link #preview} never touches the network and is used for refused senders;
 * {@link #read} asks {@code getFile} where the file is, downloads it within the size cap into
 * {@code workspace/media/...} and transcribes voice notes and audio, and is only used for admitted ones. A file
 * announced larger than the cap is not asked for; a failure's reason is told without the file's address.
 */
final class ContentReader {
    private final BotApi api;
    private final MediaDownload download;
    private final InboundMedia media;

    ContentReader(BotApi api, MediaDownload download, InboundMedia media) {
        this.api = api;
        this.download = download;
        this.media = media;
    }

    /** A text stand-in that needs no download: the text, caption, file name or a bracketed kind. */
    static String preview(Content content) {
        return switch (content) {
            case Content.Text text -> text.text();
            case Content.Photo photo -> InboundMedia.imageText(photo.caption());
            case Content.Audio audio -> InboundMedia.audioText(audio.voice());
            case Content.Document doc -> InboundMedia.documentText(doc.fileName(), doc.caption());
            case Content.Ignored ignored -> "";
        };
    }

    /** @param fileStem what the saved file is named after (unique per message) */
    Read read(String fileStem, Content content) throws InterruptedException {
        return switch (content) {
            case Content.Photo photo -> InboundMedia.withFile(preview(photo),
                    save(photo.fileId(), photo.size(), MediaFiles.Kind.IMAGE, fileStem, "image/jpeg", null));
            case Content.Audio audio -> media.audio(fileStem, audio.voice(),
                    save(audio.fileId(), audio.size(), MediaFiles.Kind.AUDIO, fileStem, audio.mimeType(),
                            audio.fileName()));
            case Content.Document doc -> InboundMedia.withFile(preview(doc),
                    save(doc.fileId(), doc.size(), MediaFiles.Kind.DOCUMENT, fileStem, doc.mimeType(), doc.fileName()));
            case Content.Text text -> new Read(text.text(), "");
            case Content.Ignored ignored -> new Read("", "");
        };
    }

    private MediaDownload.Result save(String fileId, long announced, MediaFiles.Kind kind, String stem, String mime,
                                      String name) throws InterruptedException {
        return media.logged(fetch(fileId, announced, kind, stem, mime, name), stem, kind);
    }

    private MediaDownload.Result fetch(String fileId, long announced, MediaFiles.Kind kind, String stem, String mime,
                                       String name) throws InterruptedException {
        SizeCap cap = download.cap();
        if (announced > cap.bytes()) {
            return new MediaDownload.Result.Failed(cap.exceeded(announced).getMessage());
        }
        try {
            TgFile file = api.getFile(fileId);
            if (file.size() > cap.bytes()) {
                return new MediaDownload.Result.Failed(cap.exceeded(file.size()).getMessage());
            }
            return scrubbed(download.save(api.fileUrl(file), kind, stem, mime, name));
        } catch (BotApiException e) {
            String why = e.description().toLowerCase(Locale.ROOT).contains("too big")
                    ? "Telegram lets bots download files of at most 20 MB"
                    : "Telegram did not hand it out: " + e.getMessage();
            return new MediaDownload.Result.Failed(why);
        }
    }

    /** A failure's reason may quote the file's address, which holds the token. */
    private MediaDownload.Result scrubbed(MediaDownload.Result result) {
        return switch (result) {
            case MediaDownload.Result.Saved saved -> saved;
            case MediaDownload.Result.Failed failed -> new MediaDownload.Result.Failed(api.scrub(failed.reason()));
        };
    }
}
