package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.testing.FakeOpenAiServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz cases of issue 13 sent over raw sockets to every route of the real gateway (the routes of
 * {@link GatewayRoutesTest}): missing files and folders, a file where a folder is expected and the reverse,
 * paths leaving the repo or holding a backslash or a NUL, malformed numbers and filter values, broken UTF-8 in
 * the query, a malformed chunked body, a body shorter than its Content-Length, and headers over 64 KiB. No
 * route may answer 500 or hang up without an answer, and every refusal is a 4xx with a JSON error.
 */
class GatewayFuzzTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Bad query values; each route reads the ones it knows and must refuse, or ignore, them with a 4xx or 2xx. */
    private static final List<String> QUERIES = List.of(
            "?path=no/such/file.md&limit=abc&offset=-1",
            "?path=no/such/folder/&repo=identity",
            "?path=README.md/x&limit=99999999999999999999",
            "?path=docs&offset=1e3",
            "?path=..%2F..%2F..%2Fetc%2Fpasswd&trace_id=%20",
            "?path=docs%5Cnotes.md&key=&web_user_id=abc",
            "?path=%00&authorized=maybe&status=bogus&channel=web",
            "?path=%E0%A4&limit=%2B1&offset=0x10");

    @TempDir
    static Path dir;
    static LiveGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = LiveGateway.start(dir, Map.of());
        // pull and push of the identity repo then succeed: git's own refusals are not what this test is about
        Path origin = java.nio.file.Files.createDirectories(dir.resolve("identity-origin.git"));
        LiveGateway.git(origin, "init", "-q", "--bare", "-b", "main");
        LiveGateway.git(gw.identityRepo, "remote", "add", "origin", origin.toString());
        LiveGateway.git(gw.identityRepo, "push", "-q", "-u", "origin", "main");
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    /** One route: method, server and path, with the test data's placeholders filled by ids that do not exist. */
    record Route(String method, boolean api, String path) {
        int port() {
            return api ? gw.apiPort() : gw.dashboardPort();
        }

        @Override
        public String toString() {
            return method + " " + (api ? "api" : "dashboard") + " " + path;
        }
    }

    static Set<Route> everyRoute() {
        Set<Route> routes = new LinkedHashSet<>();
        GatewayRoutesTest.routes().forEach(c -> routes.add(new Route(c.method(), c.api(), c.path().split("\\?")[0]
                .replace("{trace}", "no-such-trace").replace("{task}", "no-such-task").replace("{user}", "999999"))));
        return routes;
    }

    @Test
    void noRouteAnswers500ToAnyFuzzCase() throws Exception {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Route route : everyRoute()) {
            boolean post = route.method().equals("POST");
            String body = post ? "{}" : "";
            // a POST reads at most the repo selector from its query: two variants cover it (each may pull or back up)
            for (String query : post ? QUERIES.subList(0, 2) : QUERIES) {
                sent++;
                check(failures, route, "query " + query, status -> status < 500,
                        send(route, route.path() + query, List.of(), body));
            }
            sent += 3;
            check(failures, route, "malformed chunked body", status -> status == 400, send(route, route.path(),
                    List.of("Transfer-Encoding: chunked"), "zz\r\n{}\r\n0\r\n\r\n"));
            check(failures, route, "short body", status -> status == 400, send(route, route.path(),
                    List.of("Content-Length: 50"), "{\"short\":"));
            check(failures, route, "headers over 64 KiB", status -> status == 431, send(route, route.path(),
                    List.of("X-Padding: " + "p".repeat(100 * 1024)), body));
        }
        assertTrue(sent > 300, "too few cases: " + sent);
        assertEquals(List.of(), failures, failures.size() + " of " + sent + " cases answered wrongly\n" + gw.log());
    }

    @Test
    void theOriginalDashboardsTaskFilterGetsAnEmptyList() throws Exception {
        Answer answer = send(new Route("GET", false, "/api/v1/tasks"), "/api/v1/tasks?channel=web", List.of(), "");
        assertEquals(200, answer.status(), answer.text());
        assertTrue(answer.text().endsWith("\r\n\r\n[]\n"), answer.text());
    }

    @Test
    void aOneMebibyteHeaderGetsA431NotAReset() throws Exception {
        try (FakeOpenAiServer llm = FakeOpenAiServer.start();
             GatewayProcess process = GatewayProcess.start(dir, "big-header", Map.of(
                     "GOMIKROBOT_HOME", dir.resolve("big-header-home").toString(),
                     "MIKROBOT_OPENAI_API_BASE", llm.baseUrl(),
                     "MIKROBOT_OPENAI_API_KEY", "sk-test-fuzz-0001",
                     "MIKROBOT_PATHS_WORK_REPO_PATH", dir.resolve("big-header-repo").toString(),
                     "HOME", dir.toString()))) {
            assertTrue(process.awaitListening(TIMEOUT), process.stderr());
            for (int port : new int[] {process.dashboardPort(), process.apiPort()}) {
                Answer answer = send(port, "GET /healthz HTTP/1.1", List.of("Cookie: c=" + "c".repeat(1 << 20)), "");
                assertEquals(431, answer.status(), answer.text());
                assertTrue(answer.text().contains("{\"error\":\"request headers are "), answer.text());
            }
        }
    }

    private static void check(List<String> failures, Route route, String fuzz, IntPredicate expected, Answer answer) {
        String text = answer.text().toLowerCase(Locale.ROOT); // the JDK writes "Content-type"
        boolean jsonError = answer.status() < 400 || text.contains("content-type: application/json")
                && text.contains("{\"error\":\"");
        if (!expected.test(answer.status()) || !jsonError) {
            String firstLine = answer.text().lines().findFirst().orElse("(no answer)");
            failures.add(route + " " + fuzz + " -> " + firstLine + " " + tail(answer.text()));
        }
    }

    private static Answer send(Route route, String target, List<String> headers, String body) throws IOException {
        List<String> all = new ArrayList<>(headers);
        if (headers.stream().noneMatch(h -> h.startsWith("Content-Length") || h.startsWith("Transfer-Encoding"))) {
            all.add("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length);
        }
        all.add("Content-Type: application/json");
        return send(route.port(), route.method() + " " + target + " HTTP/1.1", all, body);
    }

    /**
     * Sends a request as written, then closes the sending side (so a short body ends there), and reads until the
     * server closes: a status of -1 means it hung up without an answer.
     */
    private static Answer send(int port, String requestLine, List<String> headers, String body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            headers.forEach(h -> head.append(h).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.shutdownOutput();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try (InputStream in = socket.getInputStream()) {
                in.transferTo(received);
            } catch (IOException reset) {
                // what arrived before the reset is the answer, if any
            }
            String text = received.toString(StandardCharsets.UTF_8);
            int status = text.startsWith("HTTP/1.1 ") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Answer(status, text);
        }
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 200)).replace("\r\n", " | ");
    }

    /** The status (-1 for none) and everything the server sent. */
    record Answer(int status, String text) {
    }
}
