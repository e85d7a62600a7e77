package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.WhatsAppPairing;
import gomikrobot.channels.whatsapp.WhatsAppPairing.Method;
import gomikrobot.observe.Log;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.node.Node;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One pairing attempt in progress: shows each code while it is valid and renews them until the caller keeps or
 * abandons the attempt. The server's {@code pair-device} offers several refs; cobalt shows only the first, so
 * the others are shown here in turn ({@link CobaltPairing.Timing}), and once all have expired the client
 * reconnects for a fresh set. By phone number, each fresh set brings a new 8-character code. Once the phone
 * confirmed ({@code pair-success}) nothing is renewed any more; the login that follows links the attempt.
 */
final class PairingAttempt implements WhatsAppPairing.Attempt {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Method method;
    private final Consumer<String> onCode;
    private final CobaltConnection.Connector connector;
    private final CobaltPairing.Timing timing;
    private final Log log;
    private final CompletableFuture<String> linked = new CompletableFuture<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("whatsapp-pairing-codes").factory());
    private volatile List<String> refs = List.of();
    private Whatsapp client;
    private LinkCodePairing linkCode;
    private Runnable onKeep;
    private Runnable onAbandon;
    private int generation;
    private boolean confirmed;
    private boolean ended;

    PairingAttempt(Method method, Consumer<String> onCode, CobaltConnection.Connector connector,
                   CobaltPairing.Timing timing, Log log) {
        this.method = method;
        this.onCode = onCode;
        this.connector = connector;
        this.timing = timing;
        this.log = log;
    }

    /** Connects {@code client}; {@code keep} and {@code abandon} run once the caller decided. */
    synchronized void start(Whatsapp client, Runnable keep, Runnable abandon) {
        this.client = client;
        this.onKeep = keep;
        this.onAbandon = abandon;
        if (method instanceof Method.PhoneCode phone) {
            linkCode = new LinkCodePairing(client, phone.phoneNumber(), error -> CobaltPairing.fail(linked, error));
        }
        client.addNodeReceivedListener(this::onNode);
        client.addLoggedInListener(() -> linked.complete(
                client.store().jid().map(CobaltPairing::account).orElse("an account WhatsApp did not name")));
        connect();
    }

    @Override
    public CompletableFuture<String> linked() {
        return linked;
    }

    @Override
    public void keep() {
        end();
        onKeep.run();
    }

    @Override
    public void abandon() {
        linked.cancel(false);
        end();
        onAbandon.run();
    }

    /** cobalt's QR handler, called for each fresh {@code pair-device}: the socket is up and codes are valid now. */
    synchronized void onQr(String qr) {
        if (ended || confirmed) {
            return;
        }
        int current = ++generation;
        // cobalt's code is "ref,keys…": the other refs make the other codes with the same keys
        String keys = qr.substring(qr.indexOf(','));
        switch (method) {
            case Method.Qr ignored -> onCode.accept(qr);
            case Method.PhoneCode ignored -> linkCode.start().whenComplete((code, error) -> {
                if (error != null) {
                    CobaltPairing.fail(linked, error);
                } else {
                    onCode.accept(code);
                }
            });
        }
        schedule(timing.first(), () -> advance(current, 1, keys));
    }

    private synchronized void advance(int forGeneration, int index, String keys) {
        if (forGeneration != generation || ended || confirmed) {
            return;
        }
        List<String> offered = refs;
        if (index < offered.size()) {
            if (method instanceof Method.Qr) {
                onCode.accept(offered.get(index) + keys);
            }
            schedule(timing.next(), () -> advance(forGeneration, index + 1, keys));
        } else {
            log.info("WhatsApp pairing codes expired; reconnecting for new ones");
            client.disconnect().whenComplete((ok, error) -> connect());
        }
    }

    private void onNode(Node node) {
        Optional<Node> child = node.description().equals("iq") ? node.findChild() : Optional.empty();
        if (child.filter(c -> c.description().equals("pair-device")).isPresent()) {
            refs = child.get().listChildren("ref").stream().map(Node::contentAsString).flatMap(Optional::stream).toList();
        }
        if (child.filter(c -> c.description().equals("pair-success")).isPresent()) {
            synchronized (this) {
                confirmed = true;
            }
        }
        if (linkCode != null) {
            linkCode.onNode(node);
        }
    }

    private void connect() {
        synchronized (this) {
            if (ended) {
                return;
            }
        }
        connector.connect(client).whenComplete((ok, error) -> {
            if (error != null) {
                CobaltPairing.fail(linked, error);
            }
        });
    }

    private void schedule(Duration delay, Runnable step) {
        timer.schedule(step, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void end() {
        synchronized (this) {
            ended = true;
        }
        timer.shutdownNow();
        try {
            client.disconnect().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // closing is best effort: the session is saved (or deleted) either way, and the process ends next
            log.debug("WhatsApp pairing connection did not close cleanly", "error", String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
