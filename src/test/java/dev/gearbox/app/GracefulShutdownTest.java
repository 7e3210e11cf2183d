package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gearbox.ingress.GatewayServer;
import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.FakeUpstream.Script;
import dev.gearbox.testing.GatewayProcess;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM is the orderly stop: the gateway refuses new connections at once, lets a request and a
 * stream that were in flight finish normally, writes their ledger records, and exits 0. Runs
 * {@code gearbox serve} as a child process against a real fake upstream that answers slowly.
 */
class GracefulShutdownTest {
    static final Duration SLOW_ANSWER = Duration.ofSeconds(5);
    static final int STREAM_EVENTS = 10;
    static final Duration STREAM_GAP = Duration.ofMillis(400);
    static final String ANSWER = """
            {"id":"c1","object":"chat.completion","created":1,"model":"gpt-4.1-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"finished after the signal"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":5,"completion_tokens":4,"total_tokens":9}}""";

    @TempDir
    Path dir;

    static List<String> slowStream() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < STREAM_EVENTS; i++) {
            events.add("data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4.1-mini\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"part" + i + " \"},\"finish_reason\":null}]}");
        }
        events.add("data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4.1-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":10,\"total_tokens\":15}}");
        events.add("data: [DONE]");
        return events;
    }

    @Test
    void sigtermRefusesNewConnectionsFinishesInFlightWorkFlushesTheLedgerAndExitsZero() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start().respondWith(r -> r.json().getBoolean("stream", false)
                ? Script.sse(slowStream()).withGap(STREAM_GAP)
                : Script.json(200, ANSWER).withFirstByteDelay(SLOW_ANSWER))) {
            Path ledger = dir.resolve("ledger.db");
            Path config = dir.resolve("gearbox.yaml");
            Path key = Files.writeString(dir.resolve("upstream.key"), "sk-upstream\n"); // keys never go in the config file
            Files.writeString(config, """
                    providers:
                      - {name: acct, kind: openai, base_url: %s/v1, api_key_file: %s}
                    deployments:
                      - {model: gpt-4.1-mini, provider: acct}
                    ledger: {store: sqlite, path: %s}
                    """.formatted(upstream.baseUrl(), key, ledger));
            try (GatewayProcess gateway = GatewayProcess.start(config, GatewayProcess.freePort())) {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                CompletableFuture<HttpResponse<String>> plain = http.sendAsync(chat(gateway, false), HttpResponse.BodyHandlers.ofString());
                CompletableFuture<HttpResponse<String>> stream = http.sendAsync(chat(gateway, true), HttpResponse.BodyHandlers.ofString());
                // both are in flight: the upstream has them and is still answering
                await().atMost(Duration.ofSeconds(20)).until(() -> upstream.received().size() == 2);
                assertThat(plain).isNotDone();
                assertThat(stream).isNotDone();

                long signalled = System.nanoTime();
                gateway.terminate();

                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThatThrownBy(() -> new Socket("127.0.0.1", gateway.port()).close()).isInstanceOf(ConnectException.class));
                assertThat(plain).as("the in-flight request outlives the refusal of new connections").isNotDone();

                HttpResponse<String> answer = plain.join();
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).contains("finished after the signal");
                HttpResponse<String> streamed = stream.join();
                assertThat(streamed.statusCode()).isEqualTo(200);
                assertThat(streamed.body()).contains("part0 ", "part" + (STREAM_EVENTS - 1) + " ")
                        .doesNotContain("\"error\"").endsWith("data: [DONE]\n\n");

                assertThat(gateway.exitStatus(GatewayServer.SHUTDOWN_GRACE.plusSeconds(10))).as(gateway.log()).isZero();
                System.out.printf("SIGTERM: request and stream in flight finished, exit 0 after %d ms%n", (System.nanoTime() - signalled) / 1_000_000);
                assertThat(statusInLedger(ledger, requestId(answer))).isEqualTo(200);
                assertThat(statusInLedger(ledger, requestId(streamed))).isEqualTo(200);
            }
        }
    }

    static HttpRequest chat(GatewayProcess gateway, boolean stream) {
        return HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(60)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4.1-mini\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"in flight at SIGTERM\"}]}"))
                .build();
    }

    static String requestId(HttpResponse<String> r) {
        return r.headers().firstValue("x-gearbox-request-id").orElseThrow();
    }

    /** The status the ledger recorded for a request, or -1 when it has no row. */
    static int statusInLedger(Path ledger, String requestId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledger);
             PreparedStatement ps = c.prepareStatement("SELECT status FROM requests WHERE request_id = ?")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }
}
