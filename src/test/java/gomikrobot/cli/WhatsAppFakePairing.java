package gomikrobot.cli;

import gomikrobot.channels.whatsapp.WhatsAppPairing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A hand-written {@link WhatsAppPairing}: a saved account or none, and a script for the attempt — the codes
 * it shows, then whether the phone links (and as whom), the connection fails, or nothing happens. It records
 * what the command did with the attempt, and runs {@code duringCodes} after showing the codes (while the
 * attempt is still open) so a test can look at what the user sees at that moment.
 */
final class WhatsAppFakePairing implements WhatsAppPairing {
    final List<Method> begun = new ArrayList<>();
    boolean kept;
    boolean abandoned;
    private final Optional<String> saved;
    private final List<String> codes;
    private final Optional<String> linksAs;
    private final Optional<Throwable> fails;
    private final Runnable duringCodes;

    private WhatsAppFakePairing(Optional<String> saved, List<String> codes, Optional<String> linksAs,
                                Optional<Throwable> fails, Runnable duringCodes) {
        this.saved = saved;
        this.codes = codes;
        this.linksAs = linksAs;
        this.fails = fails;
        this.duringCodes = duringCodes;
    }

    static WhatsAppFakePairing linking(List<String> codes, String account, Runnable duringCodes) {
        return new WhatsAppFakePairing(Optional.empty(), codes, Optional.of(account), Optional.empty(), duringCodes);
    }

    static WhatsAppFakePairing failing(Throwable error) {
        return new WhatsAppFakePairing(Optional.empty(), List.of(), Optional.empty(), Optional.of(error), () -> { });
    }

    /** Shows the codes, then neither links nor fails. */
    static WhatsAppFakePairing silent(List<String> codes) {
        return new WhatsAppFakePairing(Optional.empty(), codes, Optional.empty(), Optional.empty(), () -> { });
    }

    static WhatsAppFakePairing alreadyPaired(String account) {
        return new WhatsAppFakePairing(Optional.of(account), List.of(), Optional.empty(), Optional.empty(), () -> { });
    }

    @Override
    public Optional<String> pairedAccount() {
        return saved;
    }

    @Override
    public Attempt begin(Method method, Consumer<String> onCode) {
        begun.add(method);
        CompletableFuture<String> linked = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            codes.forEach(onCode);
            duringCodes.run();
            linksAs.ifPresent(linked::complete);
            fails.ifPresent(linked::completeExceptionally);
        });
        return new Attempt() {
            @Override
            public CompletableFuture<String> linked() {
                return linked;
            }

            @Override
            public void keep() {
                kept = true;
            }

            @Override
            public void abandon() {
                abandoned = true;
            }
        };
    }
}
