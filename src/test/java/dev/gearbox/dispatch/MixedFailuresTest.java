package dev.gearbox.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.error.ErrorClass;
import dev.gearbox.ledger.LedgerRecord;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.FakeUpstream.Script;
import dev.gearbox.testing.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 1,000 requests, half of them streamed, 16 at a time, against a real HTTP upstream that fails 20%
 * of its calls in mixed ways (429, 401, 500, 502, 503, 504, connection reset, garbage), with a
 * healthy fallback configured: every client gets a complete answer, and the ledger shows the
 * failures that were absorbed.
 */
class MixedFailuresTest {
    static final int REQUESTS = 1_000;
    static final String OK = """
            {"id":"c","object":"chat.completion","created":1,"model":"gpt-4.1-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"from primary"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""";
    static final List<String> STREAM = List.of(
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"from \"},\"finish_reason\":null}]}",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"primary\"},\"finish_reason\":\"stop\"}]}",
            "data: [DONE]");
    static final String ERR = "{\"error\":{\"message\":\"scripted\",\"type\":\"server_error\",\"code\":null}}";

    @Test
    void aThousandRequestsAgainstAnUpstreamFailingOneInFiveAllSucceed() {
        Random random = new Random(20261123);
        AtomicInteger faults = new AtomicInteger();
        try (FakeUpstream primary = FakeUpstream.start().respondWith(r -> {
            boolean stream = r.json().getBoolean("stream", false);
            double x;
            int kind;
            synchronized (random) {
                x = random.nextDouble();
                kind = random.nextInt(8);
            }
            if (x >= 0.2) return stream ? Script.sse(STREAM) : Script.json(200, OK);
            faults.incrementAndGet();
            return switch (kind) {
                case 0 -> Script.json(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");
                case 1 -> Script.json(401, "{\"error\":{\"message\":\"bad key\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
                case 2 -> Script.json(500, ERR);
                case 3 -> Script.json(502, "<html>bad gateway</html>");
                case 4 -> Script.json(503, ERR);
                case 5 -> Script.json(504, "gateway timeout");
                case 6 -> Script.reset();
                default -> stream ? Script.sse(List.of("data: {not json")) : Script.json(200, "not json at all");
            };
        }); TestGateway gw = TestGateway.start("""
                providers:
                  - {name: acct-a, kind: openai, base_url: %s/v1, api_key_env: KEY_A}
                  - {name: backup, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 8}}
                deployments:
                  - {model: gpt-4.1-mini, provider: acct-a}
                  - {model: demo-mid, provider: backup}
                resilience:
                  retries: {base_ms: 1, cap_ms: 5}
                  breaker: {consecutive_failures: 10}
                routing:
                  default: chain
                  policies:
                    - {name: chain, type: rules, default: {model: gpt-4.1-mini, fallbacks: [demo-mid]}}
                """.formatted(primary.baseUrl()), Map.of("KEY_A", "sk-a"))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Semaphore inFlight = new Semaphore(16);
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                boolean stream = i % 2 == 1;
                String body = "{\"model\":\"auto\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"request " + i + "\"}]}";
                inFlight.acquireUninterruptibly();
                calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, t) -> inFlight.release()));
            }
            int ok = 0;
            for (int i = 0; i < REQUESTS; i++) {
                HttpResponse<String> r = calls.get(i).join();
                assertThat(r.statusCode()).as("request %d: %s", i, r.body()).isEqualTo(200);
                if (i % 2 == 1) {
                    assertThat(r.body()).as("stream %d", i).endsWith("data: [DONE]\n\n").doesNotContain("\"error\"");
                } else {
                    assertThat(r.body()).as("answer %d", i).contains("\"content\"").doesNotContain("\"error\"");
                }
                ok++;
            }
            assertThat(ok).isEqualTo(REQUESTS);

            await().atMost(Duration.ofSeconds(20)).until(() -> gw.records().size() >= REQUESTS);
            List<LedgerRecord> records = gw.records();
            assertThat(records).hasSize(REQUESTS).allSatisfy(rec -> {
                assertThat(rec.status()).isEqualTo(200);
                assertThat(rec.errorClass()).isNull();
                assertThat(rec.attempts().get(rec.attempts().size() - 1).errorClass()).isNull();
            });
            Set<ErrorClass> seen = EnumSet.noneOf(ErrorClass.class);
            int primaryCalls = 0, primaryFailures = 0;
            for (LedgerRecord rec : records) {
                for (AttemptRecord a : rec.attempts()) {
                    if (!a.deployment().equals("acct-a/gpt-4.1-mini")) continue;
                    primaryCalls++;
                    if (a.errorClass() != null) {
                        primaryFailures++;
                        seen.add(a.errorClass());
                    }
                }
            }
            System.out.printf("mixed failures: %d requests, %d upstream calls, %d failed (%.1f%%), classes %s, 0 client errors%n",
                    REQUESTS, primaryCalls, primaryFailures, 100.0 * primaryFailures / primaryCalls, seen);
            // the upstream failed one call in five, in every way scripted, and no client saw it
            assertThat(primaryCalls).isEqualTo(primary.received().size());
            assertThat(primaryFailures).isEqualTo(faults.get());
            assertThat((double) primaryFailures / primaryCalls).isBetween(0.15, 0.25);
            assertThat(seen).contains(ErrorClass.RATE_LIMITED, ErrorClass.AUTH, ErrorClass.SERVER_ERROR,
                    ErrorClass.OVERLOADED, ErrorClass.TIMEOUT, ErrorClass.CONNECTION);
        }
    }
}
