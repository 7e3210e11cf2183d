package dev.gearbox.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.error.ErrorClass;
import dev.gearbox.ledger.LedgerRecord;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.FakeUpstream.Script;
import dev.gearbox.testing.ManualTicker;
import dev.gearbox.testing.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every upstream fault the resilience issue names, streaming and not: what the client receives,
 * that the request ends (nothing hangs: every wait is bounded), and which attempts were made with
 * which error class. The primary is a real HTTP fake upstream speaking OpenAI's wire format; the
 * fallback is a healthy simulated model. Time (retry backoff, timeouts) runs on a manual ticker:
 * the test moves it on when the gateway is waiting, never sleeps.
 */
class FaultInjectionTest {
    static final String OK = """
            {"id":"c","object":"chat.completion","created":1,"model":"gpt-4.1-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"from primary"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""";
    static final String CHUNK_1 = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}";
    static final String CHUNK_2 = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}";
    static final long FIRST_BYTE_MS = 5_000;
    static final long IDLE_MS = 3_000;
    static final long TOTAL_MS = 20_000;

    final ManualTicker ticker = new ManualTicker();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Long> retryDelays = new CopyOnWriteArrayList<>();
    FakeUpstream primary;
    TestGateway gw;

    void start(String primaryUrl) {
        gw = TestGateway.start("""
                providers:
                  - {name: acct-a, kind: openai, base_url: %s/v1, api_key_env: KEY_A}
                  - {name: backup, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 8}}
                deployments:
                  - {model: gpt-4.1-mini, provider: acct-a}
                  - {model: demo-mid, provider: backup}
                resilience:
                  retries: {per_deployment: 2, budget: 3, base_ms: 100, cap_ms: 400, max_retry_after_ms: 2000}
                  timeouts: {first_byte_ms: %d, idle_ms: %d, total_ms: %d}
                  breaker: {consecutive_failures: 100, min_calls: 1000}
                routing:
                  default: chain
                  policies:
                    - {name: chain, type: rules, default: {model: gpt-4.1-mini, fallbacks: [demo-mid]}}
                """.formatted(primaryUrl, FIRST_BYTE_MS, IDLE_MS, TOTAL_MS), Map.of("KEY_A", "sk-fault-key"), ticker);
    }

    void start() {
        primary = FakeUpstream.start();
        start(primary.baseUrl());
    }

    @AfterEach
    void stop() {
        if (gw != null) gw.close();
        if (primary != null) primary.close();
    }

    /** What the client saw: status, headers, and the body (for a stream, its lines as they arrived). */
    record Seen(int status, HttpResponse<?> response, List<String> lines) {
        String body() {
            return String.join("\n", lines);
        }

        JsonObject json() {
            return new JsonObject(body());
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /**
     * Sends the request and drives the clock: whenever a retry is waiting (shorter than any timeout)
     * time moves on by its delay; once {@code stalled} holds, time moves on by {@code stallMs} (once).
     */
    Seen call(boolean stream, BooleanSupplier stalled, long stallMs) {
        String body = "{\"model\":\"auto\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpRequest req = HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> headers = http.sendAsync(req, HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<HttpResponse<?>> done = headers.thenApplyAsync(r -> {
            r.body().forEach(lines::add);
            return r;
        });
        boolean stallUsed = false;
        while (!done.isDone()) {
            final boolean used = stallUsed;
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> done.isDone() || retryWaiting() != null || (!used && stalled.getAsBoolean(lines)));
            if (done.isDone()) break;
            Long retry = retryWaiting();
            if (retry != null) {
                retryDelays.add(retry);
                ticker.advance(retry);
            } else {
                stallUsed = true;
                ticker.advance(stallMs);
            }
        }
        HttpResponse<?> r = done.join();
        return new Seen(r.statusCode(), r, lines);
    }

    @FunctionalInterface
    interface BooleanSupplier {
        boolean getAsBoolean(List<String> lines);
    }

    static final BooleanSupplier NEVER = lines -> false;

    Seen call(boolean stream) {
        return call(stream, NEVER, 0);
    }

    Long retryWaiting() {
        return ticker.pendingDelays().stream().filter(d -> d < IDLE_MS).findFirst().orElse(null);
    }

    LedgerRecord record(Seen s) {
        String id = s.header("x-gearbox-request-id");
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.records().stream().anyMatch(x -> x.requestId().equals(id)));
        return gw.records().stream().filter(x -> x.requestId().equals(id)).findFirst().orElseThrow();
    }

    /** The attempts as "deployment:class" ("ok" for an answer), in order. */
    List<String> attempts(Seen s) {
        List<String> out = new ArrayList<>();
        for (AttemptRecord a : record(s).attempts()) {
            out.add(a.deployment() + ":" + (a.errorClass() == null ? "ok" : a.errorClass().name().toLowerCase()));
        }
        return out;
    }

    static final String PRIMARY = "acct-a/gpt-4.1-mini";
    static final String BACKUP_OK = "backup/demo-mid:ok";

    /** The healthy fallback answered, in the client's format, with nothing of the failure visible. */
    void assertServedByFallback(Seen s, boolean stream) {
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.header("x-gearbox-model")).isEqualTo("demo-mid");
        if (stream) {
            assertThat(s.lines()).last().isEqualTo("");
            assertThat(s.body()).contains("\"chat.completion.chunk\"").contains("data: [DONE]").doesNotContain("\"error\"");
        } else {
            assertThat(s.json().getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content")).isNotBlank();
        }
    }

    static String error(String type, String code) {
        return "{\"error\":{\"message\":\"scripted\",\"type\":\"" + type + "\",\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void status400IsReturnedToTheClientUntouchedAndNeverRetried(boolean stream) {
        start();
        primary.enqueue(Script.json(400, "{\"error\":{\"message\":\"messages[0] is bad\",\"type\":\"invalid_request_error\",\"param\":\"messages\"}}"));
        Seen s = call(stream);
        assertThat(s.status()).isEqualTo(400);
        assertThat(s.json().getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
        assertThat(s.json().getJsonObject("error").getString("message")).contains("messages[0] is bad");
        assertThat(attempts(s)).containsExactly(PRIMARY + ":bad_request");
        assertThat(primary.received()).hasSize(1);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void status401MovesToTheNextCandidateWithoutLeakingTheKey(boolean stream) {
        start();
        primary.enqueue(Script.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-fau***key\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
        Seen s = call(stream);
        assertServedByFallback(s, stream);
        assertThat(s.body()).doesNotContain("sk-fau");
        assertThat(attempts(s)).containsExactly(PRIMARY + ":auth", BACKUP_OK);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void status404MovesToTheNextCandidate(boolean stream) {
        start();
        primary.enqueue(Script.json(404, error("invalid_request_error", "model_not_found")));
        Seen s = call(stream);
        assertServedByFallback(s, stream);
        assertThat(attempts(s)).containsExactly(PRIMARY + ":not_found", BACKUP_OK);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void status408MovesToTheNextCandidate(boolean stream) {
        start();
        primary.enqueue(Script.json(408, error("timeout", null)));
        Seen s = call(stream);
        assertServedByFallback(s, stream);
        assertThat(attempts(s)).containsExactly(PRIMARY + ":timeout", BACKUP_OK);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void status413ContextLengthMovesToALargerCandidate(boolean stream) {
        start();
        primary.enqueue(Script.json(413, error("invalid_request_error", "context_length_exceeded")));
        Seen s = call(stream);
        assertServedByFallback(s, stream);
        assertThat(attempts(s)).containsExactly(PRIMARY + ":context_length", BACKUP_OK);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void status429WithRetryAfterIsRetriedAfterExactlyThatThenFallsOver(boolean stream) {
        start();
        primary.enqueue(Script.json(429, error("requests", "rate_limit_exceeded")).withHeader("retry-after", "1"));
        Seen s = call(stream);
        assertServedByFallback(s, stream);
        assertThat(retryDelays).containsExactly(1000L, 1000L);
        assertThat(attempts(s)).containsExactly(PRIMARY + ":rate_limited", PRIMARY + ":rate_limited", PRIMARY + ":rate_limited", BACKUP_OK);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void status429WithoutRetryAfterBacksOffWithJitterThenFallsOver(boolean stream) {
        start();
        primary.enqueue(Script.json(429, error("requests", "rate_limit_exceeded")));
        Seen s = call(stream);
        assertServedByFallback(s, stream);
        assertThat(retryDelays).hasSize(2);
        assertThat(retryDelays.get(0)).isBetween(0L, 99L);
        assertThat(retryDelays.get(1)).isBetween(0L, 199L);
        assertThat(attempts(s)).containsExactly(PRIMARY + ":rate_limited", PRIMARY + ":rate_limited", PRIMARY + ":rate_limited", BACKUP_OK);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void status500IsRetriedThenFallsOver(boolean stream) {
        start();
        primary.enqueue(Script.json(500, error("server_error", null)));
        Seen s = call(stream);
        assertServedByFallback(s, stream);
        assertThat(retryDelays).hasSize(2);
        assertThat(attempts(s)).containsExactly(PRIMARY + ":server_error", PRIMARY + ":server_error", PRIMARY + ":server_error", BACKUP_OK);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void status500OnceIsRetriedAndThePrimaryAnswers(boolean stream) {
        start();
        primary.enqueue(Script.json(500, error("server_error", null)));
        primary.enqueue(stream ? Script.sse(List.of(CHUNK_1, CHUNK_2, "data: [DONE]")) : Script.json(200, OK));
        Seen s = call(stream);
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.header("x-gearbox-model")).isEqualTo("gpt-4.1-mini");
        assertThat(s.body()).contains(stream ? "Hel" : "from primary");
        assertThat(attempts(s)).containsExactly(PRIMARY + ":server_error", PRIMARY + ":ok");
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void status502IsRetriedThenFallsOver(boolean stream) {
        start();
        primary.enqueue(Script.json(502, "<html>Bad gateway</html>").withHeader("content-type", "text/html"));
        Seen s = call(stream);
        assertServedByFallback(s, stream);
        assertThat(attempts(s)).containsExactly(PRIMARY + ":server_error", PRIMARY + ":server_error", PRIMARY + ":server_error", BACKUP_OK);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void status503OverloadedMovesToAnotherProviderAtOnce(boolean stream) {
        start();
        primary.enqueue(Script.json(503, error("server_error", "overloaded")));
        Seen s = call(stream);
        assertServedByFallback(s, stream);
        assertThat(retryDelays).isEmpty();
        assertThat(attempts(s)).containsExactly(PRIMARY + ":overloaded", BACKUP_OK);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void status504MovesToTheNextCandidate(boolean stream) {
        start();
        primary.enqueue(Script.json(504, "gateway timeout"));
        Seen s = call(stream);
        assertServedByFallback(s, stream);
        assertThat(attempts(s)).containsExactly(PRIMARY + ":timeout", BACKUP_OK);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void connectionRefusedMovesToTheNextCandidate(boolean stream) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        start("http://127.0.0.1:" + closedPort);
        Seen s = call(stream);
        assertServedByFallback(s, stream);
        assertThat(attempts(s)).containsExactly(PRIMARY + ":connection", BACKUP_OK);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void connectionResetBeforeAnyByteMovesToTheNextCandidate(boolean stream) {
        start();
        primary.enqueue(Script.reset());
        Seen s = call(stream);
        assertServedByFallback(s, stream);
        assertThat(attempts(s)).containsExactly(PRIMARY + ":connection", BACKUP_OK);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void connectionResetAfterTheFirstChunk(boolean stream) {
        start();
        primary.enqueue(stream ? Script.sse(List.of(CHUNK_1, CHUNK_2, "data: [DONE]")).droppingAfter(1)
                : Script.json(200, OK).cutAfterBytes(40));
        Seen s = call(stream);
        if (stream) {
            // committed to the primary: the client gets what arrived, then an error event, and no [DONE]
            assertThat(s.status()).isEqualTo(200);
            assertThat(s.header("x-gearbox-model")).isEqualTo("gpt-4.1-mini");
            assertThat(s.body()).contains("Hel").contains("\"error\"").doesNotContain("[DONE]");
            assertThat(attempts(s)).containsExactly(PRIMARY + ":connection");
            assertThat(record(s).attempts().get(0).usage().outputTokens()).isPositive();
        } else {
            // nothing reached the client yet: falls back
            assertServedByFallback(s, false);
            assertThat(attempts(s)).containsExactly(PRIMARY + ":connection", BACKUP_OK);
        }
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void slowFirstByteTimesOutAndMovesOn(boolean stream) {
        start();
        primary.enqueue(Script.json(200, OK).withFirstByteDelay(Duration.ofMinutes(10)));
        Seen s = call(stream, lines -> primary.received().size() == 1, FIRST_BYTE_MS);
        assertServedByFallback(s, stream);
        assertThat(attempts(s)).containsExactly(PRIMARY + ":timeout", BACKUP_OK);
        assertThat(record(s).attempts().get(0).latencyMillis()).isEqualTo(FIRST_BYTE_MS);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void slowDrip(boolean stream) {
        start();
        if (stream) {
            primary.enqueue(Script.sse(List.of(CHUNK_1, CHUNK_2, "data: [DONE]")).withGap(Duration.ofMinutes(10)));
            Seen s = call(true, lines -> lines.stream().anyMatch(l -> l.contains("Hel")), IDLE_MS);
            // the first chunk reached the client: the idle timeout ends the stream with an error event
            assertThat(s.status()).isEqualTo(200);
            assertThat(s.body()).contains("Hel").contains("\"error\"").contains("idle timeout").doesNotContain("[DONE]");
            assertThat(attempts(s)).containsExactly(PRIMARY + ":timeout");
        } else {
            primary.enqueue(Script.json(200, OK).cutAfterBytes(40).withGap(Duration.ofMinutes(10)));
            Seen s = call(false, lines -> primary.received().size() == 1, TOTAL_MS);
            assertServedByFallback(s, false);
            assertThat(attempts(s)).containsExactly(PRIMARY + ":timeout", BACKUP_OK);
        }
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void garbageBodyIsAServerErrorRetriedThenFallsOver(boolean stream) {
        start();
        primary.enqueue(stream ? Script.sse(List.of("data: {this is not json", "data: [DONE]"))
                : Script.json(200, "<html>this is not json</html>"));
        Seen s = call(stream);
        assertServedByFallback(s, stream);
        assertThat(attempts(s)).containsExactly(PRIMARY + ":server_error", PRIMARY + ":server_error", PRIMARY + ":server_error", BACKUP_OK);
    }
}
