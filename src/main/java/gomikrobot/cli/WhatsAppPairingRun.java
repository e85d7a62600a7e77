package gomikrobot.cli;

import gomikrobot.channels.whatsapp.WhatsAppBackend;
import gomikrobot.channels.whatsapp.WhatsAppPairing;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pairing, bounded in time twice: WhatsApp must answer with a first code within {@code reachTimeout} (no
 * network fails fast, with one line naming the cause), and the phone must confirm within {@code scanTimeout}.
 * Codes are renewed until then, each new one announced as replacing an expired one. Each QR code is drawn on
 * the terminal and written to {@code qrFile} (0600), which is removed at the end. A failed or timed-out attempt
 * leaves no half-made session. Failures are exceptions whose message is the line the user reads.
 */
final class WhatsAppPairingRun {
    static final String HOST = "web.whatsapp.com";

    private final WhatsAppPairing pairing;
    private final Path qrFile;
    private final PrintStream out;
    private final Duration reachTimeout;
    private final Duration scanTimeout;

    WhatsAppPairingRun(WhatsAppPairing pairing, Path qrFile, PrintStream out, Duration reachTimeout,
                       Duration scanTimeout) {
        this.pairing = pairing;
        this.qrFile = qrFile;
        this.out = out;
        this.reachTimeout = reachTimeout;
        this.scanTimeout = scanTimeout;
    }

    /** Pairs unless a session exists and {@code again} is false; returns {@link ExitCode#OK}. */
    ExitCode pair(WhatsAppPairing.Method method, boolean again) throws IOException, InterruptedException {
        Optional<String> existing = pairing.pairedAccount();
        if (existing.isPresent() && !again) {
            out.println("Already paired as " + existing.get() + ".");
            out.println("To link again (e.g. after removing the device on the phone): gomikrobot whatsapp-auth --force");
            return ExitCode.OK;
        }
        out.println("Connecting to WhatsApp (" + HOST + ")...");
        out.flush();
        CompletableFuture<Void> firstCode = new CompletableFuture<>();
        AtomicInteger codes = new AtomicInteger();
        WhatsAppPairing.Attempt attempt = pairing.begin(method, code -> {
            show(method, code, codes.incrementAndGet());
            firstCode.complete(null);
        });
        boolean linked = false;
        try {
            awaitAnswer(attempt, firstCode);
            String account = awaitLink(attempt, method);
            attempt.keep();
            linked = true;
            out.println("Paired as " + account);
            out.println("Start the gateway (or restart it if it is running) to use WhatsApp: gomikrobot gateway");
            return ExitCode.OK;
        } finally {
            if (!linked) {
                attempt.abandon();
            }
            Files.deleteIfExists(qrFile);
        }
    }

    private void awaitAnswer(WhatsAppPairing.Attempt attempt, CompletableFuture<Void> firstCode)
            throws IOException, InterruptedException {
        try {
            CompletableFuture.anyOf(firstCode, attempt.linked()).get(reachTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException(unreachable("no answer within " + reachTimeout.toSeconds() + " s"));
        } catch (ExecutionException e) {
            throw new IOException(unreachable(reason(e.getCause())), e.getCause());
        }
    }

    private String awaitLink(WhatsAppPairing.Attempt attempt, WhatsAppPairing.Method method)
            throws IOException, InterruptedException {
        try {
            return attempt.linked().get(scanTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String what = method instanceof WhatsAppPairing.Method.Qr ? "the QR code was not scanned"
                    : "the pairing code was not entered";
            throw new IOException(what + " within " + scanTimeout.toSeconds()
                    + " s; run `gomikrobot whatsapp-auth` again (--timeout SECONDS gives more time)");
        } catch (ExecutionException e) {
            throw new IOException("pairing failed: " + reason(e.getCause()), e.getCause());
        }
    }

    /** Called from the library's thread for every code. */
    private void show(WhatsAppPairing.Method method, String code, int n) {
        switch (method) {
            case WhatsAppPairing.Method.Qr qr -> {
                out.println(n == 1 ? "Scan this QR code with WhatsApp on your phone: Settings > Linked devices >"
                        + " Link a device." : "The previous QR code expired; scan this one:");
                out.println(WhatsAppBackend.load().qrForTerminal(code));
                try {
                    WhatsAppBackend.load().writeQrPng(code, qrFile);
                    out.println("The same code as an image: " + qrFile);
                } catch (IOException | RuntimeException e) {
                    out.println("(could not write " + qrFile + ": " + Failures.describe(e) + ")");
                }
                if (n == 1) {
                    out.println("Waiting up to " + scanTimeout.toSeconds() + " s for the scan...");
                }
            }
            case WhatsAppPairing.Method.PhoneCode phone -> {
                out.println(n == 1 ? "On your phone: WhatsApp > Settings > Linked devices > Link a device >"
                        + " Link with phone number instead, then enter this code:"
                        : "The previous code expired; enter this one instead:");
                out.println();
                out.println("    " + grouped(code));
                out.println();
                if (n == 1) {
                    out.println("Waiting up to " + scanTimeout.toSeconds() + " s for the code to be entered...");
                }
            }
        }
        out.flush();
    }

    /** {@code ABCD-EFGH}: how WhatsApp itself shows an 8-character code. */
    private static String grouped(String code) {
        return code.length() == 8 ? code.substring(0, 4) + "-" + code.substring(4) : code;
    }

    static String unreachable(String reason) {
        return "cannot reach WhatsApp (" + HOST + "): " + reason;
    }

    /** The network cause in words; the JDK leaves most of these exceptions without a message. */
    static String reason(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "the host name does not resolve (no network or no DNS)";
            }
            if (t instanceof HttpTimeoutException) {
                return "the connection timed out";
            }
            if (t instanceof ConnectException && t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return error == null ? "unknown error" : Failures.describe(error);
    }
}
