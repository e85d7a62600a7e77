package gomikrobot.cli;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The official {@code openai} npm package, run by Node against a gateway: installed once from npm into
 * {@code target/npm} (kept between runs until {@code mvn clean}), then {@code src/test/resources/openai-sdk/client.cjs}
 * runs as any user's program would. Node and npm come from the machine ({@code .ci/run} installs Debian's
 * {@code nodejs} and {@code npm}); version 6 of the package runs on Node 18 and later.
 */
final class OpenAiSdk {
    static final String PACKAGE = "openai@6.30.1";
    private static final Path PREFIX = Path.of("target/npm");
    private static final Path SCRIPT = Path.of("src/test/resources/openai-sdk/client.cjs");
    private static final long INSTALL_MINUTES = 5;
    private static final long RUN_SECONDS = 90;

    private OpenAiSdk() {
    }

    /** Runs the client script against {@code baseUrl} with {@code apiKey}; what it printed, as JSON. */
    static JsonObject run(String baseUrl, String apiKey) throws IOException, InterruptedException {
        Path sdk = install();
        String out = exec(List.of("node", SCRIPT.toAbsolutePath().toString()), Map.of("OPENAI_SDK_DIR",
                sdk.toAbsolutePath().toString(), "OPENAI_BASE_URL", baseUrl, "OPENAI_API_KEY", apiKey), RUN_SECONDS);
        return Json.parseObject(out.strip());
    }

    private static Path install() throws IOException, InterruptedException {
        Path sdk = PREFIX.resolve("node_modules/openai");
        Path manifest = sdk.resolve("package.json");
        String version = PACKAGE.substring(PACKAGE.indexOf('@') + 1);
        if (!Files.isRegularFile(manifest) || !Files.readString(manifest).contains("\"version\": \"" + version + "\"")) {
            Files.createDirectories(PREFIX);
            exec(List.of("npm", "install", "--prefix", PREFIX.toString(), "--no-audit", "--no-fund",
                    "--loglevel=error", PACKAGE), Map.of(), TimeUnit.MINUTES.toSeconds(INSTALL_MINUTES));
        }
        return sdk;
    }

    private static String exec(List<String> command, Map<String, String> env, long seconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.start();
        // read on threads of their own: blocking the common pool would stall the gateway's HTTP client under test
        CompletableFuture<byte[]> err = readAll(process.getErrorStream());
        CompletableFuture<byte[]> out = readAll(process.getInputStream());
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + seconds + " s");
        }
        String stdout = new String(out.join(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                    + new String(err.join(), StandardCharsets.UTF_8) + stdout);
        }
        return stdout;
    }

    private static CompletableFuture<byte[]> readAll(InputStream in) {
        CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (in) {
                bytes.complete(in.readAllBytes());
            } catch (IOException e) {
                bytes.complete(new byte[0]); // the process died: its exit status says more
            }
        });
        return bytes;
    }
}
