package gomikrobot.channels.telegram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.channels.telegram.TgMessage.Content;
import gomikrobot.channels.telegram.WireFormat.TgFile;
import gomikrobot.json.Json;
import gomikrobot.testing.FakeBotApiServer;
import gomikrobot.testing.TelegramUpdates;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Bot API client against the fake server on loopback, over real HTTP and the Bot API's JSON. */
class BotApiTest {
    private FakeBotApiServer telegram;
    private BotApi api;

    @BeforeEach
    void start() {
        telegram = FakeBotApiServer.start();
        api = new BotApi(BotApi.httpClient(), telegram.apiBase(), FakeBotApiServer.TOKEN);
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void getMeNamesTheBot() throws Exception {
        BotUser me = api.getMe();
        assertEquals(FakeBotApiServer.BOT_ID, me.id());
        assertEquals("@" + FakeBotApiServer.BOT_USERNAME, me.displayName());
        assertTrue(me.bot());
    }

    @Test
    void getUpdatesLongPollsAndAnOffsetConfirmsWhatLiesBelowIt() throws Exception {
        Thread later = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            telegram.deliver(TelegramUpdates.text(42, "alice", "hello"));
        });
        List<Update> first = api.getUpdates(0, 10); // waits for the update instead of answering empty at once
        later.join();
        Update.Incoming incoming = assertInstanceOf(Update.Incoming.class, first.getFirst());
        assertEquals(new Content.Text("hello"), incoming.message().content());
        assertEquals(42, incoming.message().chatId());
        assertEquals(List.of("42", "@alice"), incoming.message().from().accessNames());

        assertEquals(1, api.getUpdates(0, 0).size(), "not confirmed yet: handed over again");
        assertEquals(List.of(), api.getUpdates(incoming.updateId() + 1, 0));
        assertEquals(0, telegram.unconfirmed());
        var params = telegram.calls("getUpdates").getFirst().params();
        assertEquals(List.of("message", "edited_message"), params.strings("allowed_updates"));
        assertEquals(10, params.integer("timeout", 0));
    }

    @Test
    void getFileThenTheFileServerHandOutTheBytes() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 7, 7, 7};
        String fileId = telegram.addFile("photos/file_1.jpg", jpeg);
        TgFile file = api.getFile(fileId);
        assertEquals(new TgFile("photos/file_1.jpg", jpeg.length), file);
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(api.fileUrl(file)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(jpeg, download.body());
    }

    @Test
    void aFilePathThatCouldLeaveTheFileFolderIsRefused() {
        for (String path : List.of("../bot/getMe", "/etc/passwd", "photos/../../x", "a?b", "photos/a b.jpg", "")) {
            assertThrows(BotApiException.class, () -> api.fileUrl(new TgFile(path, 1)), path);
        }
    }

    @Test
    void sendMessageSendsPlainTextAndChatActionTyping() throws Exception {
        api.sendMessage(42, "*not bold* <b>");
        api.sendChatAction(42, "typing");
        var sent = telegram.calls("sendMessage").getFirst().params();
        assertEquals("*not bold* <b>", sent.string("text", ""));
        assertFalse(sent.has("parse_mode"), "plain text: nothing can fail to parse");
        assertEquals("typing", telegram.calls("sendChatAction").getFirst().params().string("action", ""));
    }

    @Test
    void errorsCarryCodeDescriptionAndRetryAfterButNeverTheToken() throws Exception {
        telegram.failNextSend(429, "Too Many Requests: retry after 7", 7);
        BotApiException flood = assertThrows(BotApiException.class, () -> api.sendMessage(42, "x"));
        assertEquals(429, flood.code());
        assertEquals(Duration.ofSeconds(7), flood.retryAfter());
        assertTrue(flood.temporary());

        BotApi wrongToken = new BotApi(BotApi.httpClient(), telegram.apiBase(), "987654321:AAwrong-token-for-the-fake-api");
        BotApiException refused = assertThrows(BotApiException.class, wrongToken::getMe);
        assertTrue(refused.tokenRefused(), refused.getMessage());
        assertEquals("getMe: Unauthorized (401)", refused.getMessage());

        telegram.close();
        BotApiException unreachable = assertThrows(BotApiException.class, () -> api.getMe());
        assertEquals(BotApiException.NOT_ANSWERED, unreachable.code());
        assertFalse(unreachable.getMessage().contains(FakeBotApiServer.TOKEN), unreachable.getMessage());
        assertFalse(unreachable.getMessage().contains("/bot"), unreachable.getMessage());
    }

    @Test
    void aTokenNotShapedLikeOneNeverGoesIntoAnAddress() {
        for (String token : List.of("", "abc", "123:short", "123456789:AAaaaaaaaaaaaaaaaaaaaa/../x", "1 2:AAaaaaaaaaaaaaaaaaaaaaaaaa")) {
            var e = assertThrows(IllegalArgumentException.class, () -> new BotApi(BotApi.httpClient(), "http://x", token));
            assertFalse(!token.isEmpty() && e.getMessage().contains(token), "the token is not repeated");
        }
    }

    @Test
    void updatesThatAreNotMessagesOrCannotBeReadAreSkippedNotFatal() throws Exception {
        telegram.deliverUpdate("channel_post", TelegramUpdates.text(-100, null, "news"));
        telegram.deliverUpdate("message", Json.object("text", "no chat"));
        telegram.deliverUpdate("edited_message", TelegramUpdates.text(42, null, "fixed typo"));
        List<Update> updates = api.getUpdates(0, 0);
        assertInstanceOf(Update.Skipped.class, updates.get(0));
        assertInstanceOf(Update.Skipped.class, updates.get(1));
        TgMessage edited = assertInstanceOf(Update.Incoming.class, updates.get(2)).message();
        assertTrue(edited.edited());
    }
}
