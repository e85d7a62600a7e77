import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A stand-in OpenAI-compatible LLM for the AOT training run ({@code scripts/aot-train.sh}): HTTPS on a loopback
 * port with the given PKCS12 key store, instant fixed answers to {@code /chat/completions}, {@code /embeddings}
 * and {@code /models}, so the training gateway walks the whole message path, TLS included. Writes its port to
 * the given file and serves until stopped. Run with the JDK's source launcher:
 * {@code java scripts/TrainingLlm.java KEYSTORE PASSWORD PORTFILE}.
 */
public class TrainingLlm {
    private static final String CHAT = """
            {"id":"chatcmpl-training","object":"chat.completion","created":0,"model":"gpt-4o-mini",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"Trained."},"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}""";
    private static final String EMBEDDINGS = """
            {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.6,0.8]}],\
            "model":"text-embedding-3-small","usage":{"prompt_tokens":1,"total_tokens":1}}""";
    private static final String MODELS = """
            {"object":"list","data":[{"id":"gpt-4o-mini","object":"model"}]}""";

    public static void main(String[] args) throws Exception {
        char[] password = args[1].toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            keys.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", TrainingLlm::answer);
        server.start();
        Path portFile = Path.of(args[2]);
        Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".tmp"),
                Integer.toString(server.getAddress().getPort()));
        Files.move(portFile.resolveSibling(portFile.getFileName() + ".tmp"), portFile);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String body = path.endsWith("/chat/completions") ? CHAT : path.endsWith("/embeddings") ? EMBEDDINGS
                    : path.endsWith("/models") ? MODELS : null;
            byte[] bytes = (body == null ? "{\"error\":{\"message\":\"unknown path\"}}" : body)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
