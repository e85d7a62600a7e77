package gomikrobot.channels.whatsapp.cobalt;

import static gomikrobot.testing.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.channels.whatsapp.WhatsAppPairing;
import gomikrobot.observe.Log;
import gomikrobot.testing.Eventually;
import gomikrobot.testing.TempUserHome;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pairing through the real cobalt client against a simulated server and phone: by phone number with an
 * 8-character code the phone accepts and cobalt's own pair-success check confirms, and by QR with every code
 * the server offers shown in turn and new ones fetched by reconnecting.
 */
class PairingTest {
    @TempDir
    Path home;
    @RegisterExtension
    final TempUserHome userHomeSandbox = new TempUserHome();

    private final List<FakeSocket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> codes = new CopyOnWriteArrayList<>();

    /** Each connect opens a simulated socket that records what cobalt writes. */
    private CompletableFuture<?> connect(Whatsapp client) {
        sockets.add(FakeSocket.open(client).recordSent());
        return new CompletableFuture<>();
    }

    private FakeSocket socket(int n) throws InterruptedException {
        await(() -> sockets.size() >= n, "socket " + n);
        return sockets.get(n - 1);
    }

    private static Node pairDevice(String... refs) {
        return Node.of("iq", Map.of("from", JidServer.whatsapp().toJid(), "type", "set", "id", "pair-device-1", "xmlns", "md"),
                Node.of("pair-device", Arrays.stream(refs)
                        .map(ref -> Node.of("ref", ref.getBytes(StandardCharsets.UTF_8))).toArray(Node[]::new)));
    }

    private static Predicate<Node> stage(String stage) {
        return node -> node.findChild("link_code_companion_reg")
                .map(reg -> stage.equals(reg.attributes().getString("stage", ""))).orElse(false);
    }

    private static byte[] child(Node node, String name) {
        return node.findChild("link_code_companion_reg").flatMap(reg -> reg.findChild(name))
                .flatMap(Node::contentAsBytes).orElseThrow();
    }

    @Test
    void pairingByPhoneNumberCompletesWithAnEightCharacterCode() throws Exception {
        CobaltPairing pairing = new CobaltPairing(home.resolve("whatsapp"), Log.quiet(), this::connect,
                CobaltPairing.Timing.WHATSAPP);
        WhatsAppPairing.Attempt attempt = pairing.begin(new WhatsAppPairing.Method.PhoneCode(SimulatedPhone.NUMBER), codes::add);
        FakeSocket socket = socket(1);
        socket.deliver(pairDevice("ref-1", "ref-2"));

        Node hello = socket.awaitSent(stage("companion_hello"), Eventually.WAIT);
        assertNotNull(hello, "our own hello, not cobalt's");
        Node reg = hello.findChild("link_code_companion_reg").orElseThrow();
        assertEquals("1", reg.findChild("companion_platform_id").flatMap(Node::contentAsString).orElseThrow(), "Chrome");
        socket.deliver(Node.of("iq", Map.of("from", JidServer.whatsapp().toJid(), "type", "result", "id", hello.id()),
                Node.of("link_code_companion_reg", Node.of("link_code_pairing_ref", "REF-1".getBytes(StandardCharsets.UTF_8)))));
        await(() -> !codes.isEmpty(), "the code to show");
        String code = codes.getFirst();
        assertTrue(code.matches("[1-9A-HJ-NP-TV-Z]{8}"), code);

        SimulatedPhone phone = new SimulatedPhone(code, child(hello, "link_code_pairing_wrapped_companion_ephemeral_pub"));
        socket.deliver(phone.primaryHello("REF-1"));
        Node finish = socket.awaitSent(stage("companion_finish"), Eventually.WAIT);
        assertNotNull(finish, "the key bundle goes out");
        byte[] advSecret = phone.openKeyBundle(child(finish, "link_code_pairing_wrapped_key_bundle"));
        Whatsapp client = sockets.getFirst().client();
        assertArrayEquals(advSecret, client.keys().companionKeyPair().publicKey(), "both sides share the secret");

        socket.deliver(phone.pairSuccess(advSecret, client.keys().identityKeyPair().publicKey()));
        assertNotNull(socket.awaitSent(n -> n.hasNode("pair-device-sign"), Eventually.WAIT),
                "cobalt's own pair-success check accepted the device");
        client.keys().setRegistered(true); // what cobalt does once the server lets the new device log in
        socket.login();
        assertEquals(SimulatedPhone.NUMBER + "@s.whatsapp.net", attempt.linked().get(Eventually.WAIT.toSeconds(), TimeUnit.SECONDS));
        attempt.keep();
        assertEquals(Optional.of(SimulatedPhone.NUMBER + "@s.whatsapp.net"), pairing.pairedAccount(), "kept and pinned");
    }

    @Test
    void qrCodesAreRenewedUntilTheCallerGivesUp() throws Exception {
        CobaltPairing pairing = new CobaltPairing(home.resolve("whatsapp"), Log.quiet(), this::connect,
                new CobaltPairing.Timing(Duration.ofMillis(300), Duration.ofMillis(150)));
        WhatsAppPairing.Attempt attempt = pairing.begin(new WhatsAppPairing.Method.Qr(), codes::add);
        socket(1).deliver(pairDevice("r1", "r2", "r3"));
        await(() -> codes.size() == 3, "the three codes of the first set");

        socket(2).deliver(pairDevice("s1", "s2"));
        await(() -> codes.size() == 4, "the first code after reconnecting");
        attempt.abandon();

        assertEquals(List.of("r1", "r2", "r3", "s1"), codes.stream().map(c -> c.substring(0, c.indexOf(','))).toList());
        String keys = codes.getFirst().substring(codes.getFirst().indexOf(','));
        assertTrue(codes.stream().allMatch(c -> c.endsWith(keys)), "every code carries the same device keys");
        assertEquals(Optional.empty(), pairing.pairedAccount(), "an abandoned attempt leaves no session");
    }
}
