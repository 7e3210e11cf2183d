package dev.gearbox.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.app.Gateway;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.ServerConfig;
import dev.gearbox.ledger.LedgerRecord;
import dev.gearbox.ledger.RecentLedger;
import dev.gearbox.metrics.MeteredLedger;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.FakeUpstream.Script;
import dev.gearbox.testing.ManualTicker;
import dev.gearbox.testing.TestGateway;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several deployments of one model: load balancing, capacity awareness from RPM limits, circuit
 * breakers seen from the wire, hedging by tier latency budget, and cancellation when the client
 * leaves. Two real fake upstreams stand for two provider accounts; time runs on a manual ticker.
 */
class BalancingAndHedgingTest {
    static final String OK = """
            {"id":"c","object":"chat.completion","created":1,"model":"gpt-4.1-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""";
    static final String BROKEN = "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}";
    static final String ASK = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    final ManualTicker ticker = new ManualTicker();
    FakeUpstream a;
    FakeUpstream b;
    TestGateway gw;

    @BeforeEach
    void upstreams() {
        a = FakeUpstream.start();
        b = FakeUpstream.start();
    }

    @AfterEach
    void stop() {
        if (gw != null) gw.close();
        a.close();
        b.close();
    }

    /** Model gpt-4.1-mini on accounts a and b (extra deployment keys given), demo-mid as the fallback. */
    String config(String aExtra, String bExtra, String resilience) {
        return """
                providers:
                  - {name: acct-a, kind: openai, base_url: %s/v1, api_key_env: KEY_A}
                  - {name: acct-b, kind: openai, base_url: %s/v1, api_key_env: KEY_B}
                  - {name: backup, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 8}}
                deployments:
                  - {model: gpt-4.1-mini, provider: acct-a%s}
                  - {model: gpt-4.1-mini, provider: acct-b%s}
                  - {model: demo-mid, provider: backup}
                resilience:
                %s
                routing:
                  default: chain
                  policies:
                    - {name: chain, type: rules, default: {model: gpt-4.1-mini, fallbacks: [demo-mid]}}
                """.formatted(a.baseUrl(), b.baseUrl(), aExtra, bExtra, resilience.indent(2).stripTrailing());
    }

    void start(String yaml) {
        gw = TestGateway.start(yaml, Map.of("KEY_A", "sk-a", "KEY_B", "sk-b"), ticker);
    }

    LedgerRecord record(HttpResponse<String> r) {
        String id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
        await().until(() -> gw.records().stream().anyMatch(x -> x.requestId().equals(id)));
        return gw.records().stream().filter(x -> x.requestId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void leastOutstandingSpreadsSequentialRequestsEvenly() {
        a.enqueue(Script.json(200, OK));
        b.enqueue(Script.json(200, OK));
        start(config("", "", "balancing: least-outstanding"));
        for (int i = 0; i < 10; i++) assertThat(gw.post("/v1/chat/completions", ASK).statusCode()).isEqualTo(200);
        assertThat(a.received()).hasSize(5);
        assertThat(b.received()).hasSize(5);
    }

    @Test
    void leastOutstandingPrefersTheDeploymentWithFewerRequestsInFlight() {
        a.enqueue(Script.json(200, OK).withFirstByteDelay(Duration.ofMinutes(10)));
        b.enqueue(Script.json(200, OK));
        start(config("", "", "balancing: least-outstanding"));
        var stuck = gw.postAsync("/v1/chat/completions", ASK); // a is picked first and hangs
        await().until(() -> a.received().size() == 1);
        for (int i = 0; i < 4; i++) {
            var r = gw.post("/v1/chat/completions", ASK);
            assertThat(r.statusCode()).isEqualTo(200);
        }
        // with one request outstanding on a, b took every new one
        assertThat(a.received()).hasSize(1);
        assertThat(b.received()).hasSize(4);
        assertThat(stuck).isNotDone();
    }

    @Test
    void weightedBalancingFollowsTheWeights() {
        a.enqueue(Script.json(200, OK));
        b.enqueue(Script.json(200, OK));
        start(config(", weight: 3", ", weight: 1", "balancing: weighted"));
        for (int i = 0; i < 400; i++) gw.post("/v1/chat/completions", ASK);
        assertThat(a.received().size() + b.received().size()).isEqualTo(400);
        // a's share is 3/4 in expectation; 0.65..0.85 is more than four standard deviations either side
        assertThat(a.received().size() / 400.0).isBetween(0.65, 0.85);
    }

    @Test
    void anRpmLimitSendsTrafficElsewhereBeforeTheProviderSays429() {
        a.enqueue(Script.json(200, OK));
        b.enqueue(Script.json(200, OK));
        start(config(", rpm: 2", "", "balancing: ordered"));
        for (int i = 0; i < 3; i++) gw.post("/v1/chat/completions", ASK);
        assertThat(a.received()).hasSize(2);  // its two requests a minute
        assertThat(b.received()).hasSize(1);  // the third went to b; a never answered 429
        ticker.advance(30_000);               // half a minute refills one request
        gw.post("/v1/chat/completions", ASK);
        assertThat(a.received()).hasSize(3);
    }

    @Test
    void anOpenCircuitIsSkippedUntilItsCooldownEndsThenProbed() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean healthy = new java.util.concurrent.atomic.AtomicBoolean();
        a.respondWith(q -> healthy.get() ? Script.json(200, OK) : Script.json(500, BROKEN));
        b.enqueue(Script.json(200, OK));
        String yaml = config("", "", """
                balancing: ordered
                retries: {per_deployment: 0}
                breaker: {consecutive_failures: 2, cooldown_ms: 10000}""");
        GearboxConfig cfg = ConfigLoader.parse(yaml, "t.yaml", Map.of("KEY_A", "sk-a", "KEY_B", "sk-b")::get, Gateway.providerKinds())
                .withServer(new ServerConfig("127.0.0.1", 0, 1 << 20));
        MeteredLedger ledger = new MeteredLedger(new RecentLedger(100));
        Gateway g = Gateway.start(cfg, ledger, ticker).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest ask = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/v1/chat/completions"))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ASK)).build();
            for (int i = 0; i < 2; i++) {
                var r = http.send(ask, HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("x-gearbox-provider")).hasValue("acct-b");
            }
            assertThat(a.received()).hasSize(2);
            assertThat(g.health().of("acct-a/gpt-4.1-mini").breaker().state()).isEqualTo(Breaker.State.OPEN);
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("gearbox_breaker_state{deployment=\"acct-a/gpt-4.1-mini\"} 2.0");

            http.send(ask, HttpResponse.BodyHandlers.ofString());
            assertThat(a.received()).hasSize(2); // open: not called at all

            ticker.advance(10_000);                 // cool-down over: one probe goes through
            healthy.set(true);
            var probe = http.send(ask, HttpResponse.BodyHandlers.ofString());
            assertThat(probe.headers().firstValue("x-gearbox-provider")).hasValue("acct-a");
            assertThat(g.health().of("acct-a/gpt-4.1-mini").breaker().state()).isEqualTo(Breaker.State.CLOSED);
            metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("gearbox_breaker_state{deployment=\"acct-a/gpt-4.1-mini\"} 0.0")
                    .contains("gearbox_breaker_transitions_total{deployment=\"acct-a/gpt-4.1-mini\",to=\"half_open\"} 1.0");
        } finally {
            g.close();
        }
    }

    @Test
    void whenEveryCircuitIsOpenTheClientGets503WithRetryAfter() {
        a.enqueue(Script.json(503, BROKEN).withHeader("retry-after", "20"));
        start("""
                providers:
                  - {name: acct-a, kind: openai, base_url: %s/v1, api_key_env: KEY_A}
                deployments:
                  - {model: gpt-4.1-mini, provider: acct-a}
                """.formatted(a.baseUrl()));
        var first = gw.post("/v1/chat/completions", "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(first.statusCode()).isEqualTo(503);
        var second = gw.post("/v1/chat/completions", "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.headers().firstValue("retry-after")).hasValue("20");
        assertThat(second.body()).contains("\"code\":\"circuit_open\"").contains("acct-a/gpt-4.1-mini");
        assertThat(a.received()).hasSize(1);
    }

    @Test
    void aSlowFirstTokenPastTheTierBudgetIsHedgedAndTheLoserCancelledAndBilled() {
        a.enqueue(Script.json(200, OK).withFirstByteDelay(Duration.ofMinutes(10)));
        start(config("", "", """
                balancing: ordered
                hedging: {tiers: {interactive: 800, batch: 0}}""").replace("  - {model: gpt-4.1-mini, provider: acct-b}\n", ""));
        String stream = "{\"model\":\"auto\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}";
        var f = gw.postAsync("/v1/chat/completions", stream, "x-gearbox-tier", "interactive");
        await().until(() -> a.received().size() == 1 && ticker.pendingDelays().contains(800L));
        ticker.advance(800);
        var r = f.join();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-mid");
        assertThat(r.body()).endsWith("data: [DONE]\n\n");
        await().until(() -> a.abandoned() == 1); // the primary's call was closed
        LedgerRecord rec = record(r);
        assertThat(rec.attempts()).extracting(AttemptRecord::deployment, AttemptRecord::kind).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("acct-a/gpt-4.1-mini", AttemptRecord.Kind.CANCELLED),
                org.assertj.core.groups.Tuple.tuple("backup/demo-mid", AttemptRecord.Kind.SERVE));
        AttemptRecord loser = rec.attempts().stream().filter(x -> x.kind() == AttemptRecord.Kind.CANCELLED).findFirst().orElseThrow();
        assertThat(loser.usage().inputTokens()).isPositive();
        assertThat(loser.costUsd()).isPositive();
        assertThat(rec.costUsd()).isEqualTo(rec.attempts().stream().mapToDouble(AttemptRecord::costUsd).sum());
    }

    @Test
    void aTierWithoutABudgetIsNeverHedged() {
        a.enqueue(Script.json(200, OK).withFirstByteDelay(Duration.ofMillis(300)));
        start(config("", "", """
                balancing: ordered
                hedging: {tiers: {interactive: 800}}""").replace("  - {model: gpt-4.1-mini, provider: acct-b}\n", ""));
        var f = gw.postAsync("/v1/chat/completions", ASK, "x-gearbox-tier", "batch");
        await().until(() -> a.received().size() == 1);
        assertThat(ticker.pendingDelays()).doesNotContain(800L);
        var r = f.join();
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("gpt-4.1-mini");
    }

    @Test
    void aClientThatLeavesMidStreamCancelsTheUpstreamCall() throws Exception {
        a.enqueue(Script.sse(List.of(
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}",
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}",
                "data: [DONE]")).withGap(Duration.ofMinutes(10)));
        start(config("", "", "balancing: ordered").replace("  - {model: gpt-4.1-mini, provider: acct-b}\n", ""));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        InputStream in = r.body();
        StringBuilder got = new StringBuilder();
        while (!got.toString().contains("Hel")) {
            int c = in.read();
            if (c < 0) break;
            got.append((char) c);
        }
        in.close(); // the client goes away
        await().until(() -> a.abandoned() == 1);
        String id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
        await().until(() -> gw.records().stream().anyMatch(x -> x.requestId().equals(id)));
        LedgerRecord rec = gw.records().stream().filter(x -> x.requestId().equals(id)).findFirst().orElseThrow();
        assertThat(rec.status()).isEqualTo(499);
        assertThat(rec.usage().outputTokens()).isPositive(); // what was generated is still billed
    }
}
