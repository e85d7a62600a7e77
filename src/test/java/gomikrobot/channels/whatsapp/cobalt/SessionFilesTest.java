package gomikrobot.channels.whatsapp.cobalt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import gomikrobot.channels.whatsapp.SessionLock;
import gomikrobot.channels.whatsapp.WaTransport;
import gomikrobot.observe.Log;
import gomikrobot.testing.Eventually;
import gomikrobot.testing.TempUserHome;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.api.MediaProxySetting;
import it.auties.whatsapp.api.TextPreviewSetting;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.crypto.CipheredMessageResult;
import it.auties.whatsapp.crypto.SessionCipher;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.signal.keypair.SignalPreKeyPair;
import it.auties.whatsapp.model.signal.message.SignalMessage;
import it.auties.whatsapp.model.signal.message.SignalPreKeyMessage;
import it.auties.whatsapp.model.signal.session.SessionAddress;
import it.auties.whatsapp.util.Bytes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session's files: Signal ratchet steps survive a restart, writes stay inside the folder and land whole, no
 * chat history is ever written, the session in use is the pinned one, a second process cannot take it, and old
 * sessions get the safe defaults.
 */
class SessionFilesTest {
    private static final SessionAddress OURS = new SessionAddress(PairedSessions.OWNER, 7);
    private static final SessionAddress CONTACT = new SessionAddress("4915112345678", 0);

    @TempDir
    Path home;
    @RegisterExtension
    final TempUserHome userHomeSandbox = new TempUserHome();

    @Test
    void ratchetStepsAreSavedSoTheNextMessageDecryptsAfterARestart() throws Exception {
        assertTrue(nextMessageDecryptsAfterRestart(home.resolve("ours"), dir -> new SessionSerializer(dir, Log.quiet())));
        // the same conversation saved by cobalt's own serializer: Signal state hashes only its version and base key,
        // so every save after the first is skipped and the reloaded keys are a ratchet step behind
        assertFalse(nextMessageDecryptsAfterRestart(home.resolve("cobalts"), ControllerSerializer::toProtobuf));
    }

    /** A conversation of two round trips, saved after every step, then the contact's next message on reloaded keys. */
    private static boolean nextMessageDecryptsAfterRestart(Path dir, Function<Path, ControllerSerializer> serializers) {
        ControllerSerializer serializer = serializers.apply(dir);
        UUID id = UUID.randomUUID();
        Keys ours = Keys.of(id, null, null, ClientType.WEB);
        ours.setSerializer(serializer);
        SignalPeer contact = SignalPeer.towards(ours, OURS);
        SessionCipher cipher = new SessionCipher(CONTACT, ours);
        cipher.decrypt(SignalPreKeyMessage.ofSerialized(contact.send("hello").message()));
        serializer.serializeKeys(ours, false);
        for (String text : List.of("one", "two")) {
            contact.receive(cipher.encrypt(Bytes.messageToBytes(MessageContainer.of("re: " + text))).message());
            serializer.serializeKeys(ours, false);
            cipher.decrypt(SignalMessage.ofSerialized(contact.send(text).message()));
            serializer.serializeKeys(ours, false);
        }
        contact.receive(cipher.encrypt(Bytes.messageToBytes(MessageContainer.of("last answer"))).message());
        serializer.serializeKeys(ours, false);
        CipheredMessageResult next = contact.send("after the restart");

        Keys reloaded = serializers.apply(dir).deserializeKeys(ClientType.WEB, id).orElseThrow();
        try {
            new SessionCipher(CONTACT, reloaded).decrypt(SignalMessage.ofSerialized(next.message()));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void aCleanCloseSavesWhatChangedSinceTheLastSave() throws Exception {
        OfflineCobalt cobalt = OfflineCobalt.paired(home.resolve("whatsapp"), Log.quiet());
        cobalt.loggedIn();
        int preKey = cobalt.client().keys().lastPreKeyId() + 1;
        cobalt.client().keys().addPreKey(SignalPreKeyPair.random(preKey));

        cobalt.transport().disconnect();

        Keys saved = new SessionSerializer(home.resolve("whatsapp"), Log.quiet())
                .deserializeKeys(ClientType.WEB, cobalt.session()).orElseThrow();
        assertTrue(saved.findPreKeyById(preKey).isPresent(), "saved on close");
    }

    @Test
    void savesLandWholeInsideTheSessionFolderAndNeverWriteChatHistory() throws IOException {
        Path dir = home.resolve("whatsapp");
        Set<String> tmpBefore = names(Path.of(System.getProperty("java.io.tmpdir")));
        UUID id = PairedSessions.write(dir);
        SessionSerializer serializer = new SessionSerializer(dir, Log.quiet());
        Store store = serializer.deserializeStore(ClientType.WEB, id).orElseThrow();
        store.addNewChat(Jid.of("4915112345678@s.whatsapp.net"));
        store.setName("changed");
        serializer.serializeStore(store, false);

        Path folder = dir.resolve("web").resolve(id.toString());
        assertEquals(Set.of("keys.proto", "store.proto"), names(folder), "no chat_*.proto, no temporary files left");
        assertEquals(Set.of(), difference(names(Path.of(System.getProperty("java.io.tmpdir"))), tmpBefore).stream()
                .filter(n -> n.startsWith("store.proto") || n.startsWith("keys.proto")).collect(Collectors.toSet()),
                "nothing written to java.io.tmpdir");
        assertEquals(Optional.of("changed"), new SessionSerializer(dir, Log.quiet())
                .deserializeStore(ClientType.WEB, id).map(Store::name));
    }

    @Test
    void chatHistoryAndTemporaryFilesOfEarlierVersionsAreRemovedWhenTheSessionOpens() throws IOException {
        Path dir = home.resolve("whatsapp");
        UUID id = PairedSessions.write(dir);
        Path folder = dir.resolve("web").resolve(id.toString());
        Files.writeString(folder.resolve("chat_4915112345678.proto"), "history");
        Files.writeString(folder.resolve("newsletter_1203630.proto"), "news");
        Files.writeString(folder.resolve(".keys.proto.123.tmp"), "half a save");

        WaTransport transport = new CobaltTransport(dir, Log.quiet());
        try {
            assertInstanceOf(WaTransport.Opening.Ready.class, transport.open());
            assertEquals(Set.of("keys.proto", "store.proto"), names(folder));
        } finally {
            transport.disconnect();
        }
    }

    @Test
    void theSessionInUseIsThePinnedOneWhateverTheFolderTimes() throws IOException {
        Path dir = home.resolve("whatsapp");
        UUID pinned = PairedSessions.write(dir);
        UUID other = PairedSessions.write(dir); // pins itself: pin the first one again
        new SessionSerializer(dir, Log.quiet()).pin(pinned);
        Files.setLastModifiedTime(dir.resolve("web").resolve(other.toString()), FileTime.from(Instant.now().plusSeconds(3600)));

        assertEquals(Optional.of(pinned), new CobaltSessions(dir, Log.quiet()).pairedSession());
        Files.delete(dir.resolve(SessionFolder.PIN));
        assertEquals(Optional.empty(), new CobaltSessions(dir, Log.quiet()).pairedSession(),
                "two paired sessions and no pin: none is guessed");
        new SessionSerializer(dir, Log.quiet()).discard(other);
        assertEquals(Optional.of(pinned), new CobaltSessions(dir, Log.quiet()).pairedSession(),
                "the only one of an earlier version is taken");
        assertTrue(Files.readString(dir.resolve(SessionFolder.PIN)).contains(pinned.toString()), "and pinned");
    }

    @Test
    void aSecondTransportOnTheSameFolderIsToldWhoHoldsTheSession() {
        Path dir = home.resolve("whatsapp");
        PairedSessions.write(dir);
        WaTransport first = new CobaltTransport(dir, Log.quiet());
        WaTransport second = new CobaltTransport(dir, Log.quiet());
        assertInstanceOf(WaTransport.Opening.Ready.class, first.open());
        var inUse = assertInstanceOf(WaTransport.Opening.InUse.class, second.open());
        assertTrue(inUse.holder().contains("pid " + ProcessHandle.current().pid()), inUse.holder());
        assertTrue(Files.isRegularFile(dir.resolve(SessionLock.FILE)));

        first.disconnect();
        assertInstanceOf(WaTransport.Opening.Ready.class, second.open(), "free again once the first let go");
        second.disconnect();
    }

    @Test
    void sessionsOfEarlierVersionsGetTheSafeDefaults() {
        Path dir = home.resolve("whatsapp");
        UUID id = PairedSessions.write(dir);
        SessionSerializer serializer = new SessionSerializer(dir, Log.quiet());
        Store old = serializer.deserializeStore(ClientType.WEB, id).orElseThrow();
        old.setTextPreviewSetting(TextPreviewSetting.ENABLED_WITH_INFERENCE);
        serializer.serializeStore(old, false);

        CobaltTransport transport = new CobaltTransport(dir, Log.quiet());
        try {
            transport.open();
            Store store = transport.connection().requireClient().store();
            assertEquals(TextPreviewSetting.DISABLED, store.textPreviewSetting(), "no link previews: no URL fetched for a text");
            assertTrue(store.webHistorySetting().isZero(), "no chat history requested");
            assertEquals(MediaProxySetting.NONE, store.mediaProxySetting(), "media never through the socket's proxy");
        } finally {
            transport.disconnect();
        }
    }

    @Test
    void aTextWithALinkMakesTheGatewayFetchNothing() throws Exception {
        // the page's host does not exist; the JDK's default proxy settings send any fetch of it to this server
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger fetches = new AtomicInteger();
        proxy.createContext("/", exchange -> {
            fetches.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        proxy.start();
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", Integer.toString(proxy.getAddress().getPort()));
        OfflineCobalt cobalt = OfflineCobalt.paired(home.resolve("whatsapp"), Log.quiet());
        try {
            cobalt.loggedIn();
            Whatsapp client = cobalt.client();
            String text = "read http://gomikrobot-preview.test/page please";

            assertEquals(0, fetchesBeforeTheMessageIsEncrypted(client, text, fetches), "no link preview");
            client.store().setTextPreviewSetting(TextPreviewSetting.ENABLED_WITH_INFERENCE); // cobalt's default
            assertTrue(fetchesBeforeTheMessageIsEncrypted(client, text, fetches) > 0,
                    "with cobalt's default the same text makes the gateway fetch the page");
        } finally {
            System.clearProperty("http.proxyHost");
            System.clearProperty("http.proxyPort");
            cobalt.transport().disconnect();
            proxy.stop(0);
        }
    }

    /** Sends the text; any preview is fetched before the message is encrypted, so before the send ends (here in ERROR). */
    private static int fetchesBeforeTheMessageIsEncrypted(Whatsapp client, String text, AtomicInteger fetches)
            throws Exception {
        client.sendChatMessage(Jid.of("120363000000000001@g.us"), text)
                .get(Eventually.WAIT.toSeconds(), TimeUnit.SECONDS);
        return fetches.get();
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Set<String> difference(Set<String> after, Set<String> before) {
        return after.stream().filter(n -> !before.contains(n)).collect(Collectors.toSet());
    }
}
