package dev.gearbox.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.error.ErrorClass;
import dev.gearbox.ledger.LedgerRecord;
import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.ManualTicker;
import dev.gearbox.testing.FakeUpstream.Script;
import dev.gearbox.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries of the same deployment for rate limits and server errors, with backoff or the provider's
 * Retry-After, then fall-over that skips deployments behind the same exhausted limit. The backoff
 * clock is a manual ticker: the test sees each retry waiting and moves time on by its delay (no sleeping).
 */
class RetryTest {
    static final String OK = """
            {"id":"c","object":"chat.completion","created":1,"model":"gpt-4.1-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""";
    static final String LIMITED = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";
    static final String BROKEN = "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}";
    static final String ASK = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    FakeUpstream upstream;
    TestGateway gw;
    final List<Long> delays = new CopyOnWriteArrayList<>();
    final ManualTicker ticker = new ManualTicker();

    @BeforeEach
    void start() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start("""
                providers:
                  - {name: acct-a, kind: openai, base_url: %s/v1, api_key_env: KEY_A}
                  - {name: backup, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 5}}
                deployments:
                  - {model: gpt-4.1-mini, provider: acct-a}
                  - {model: gpt-4.1-nano, provider: acct-a}
                  - {model: demo-mid, provider: backup}
                routing:
                  default: chain
                  policies:
                    - {name: chain, type: rules, default: {model: gpt-4.1-mini, fallbacks: [gpt-4.1-nano, demo-mid]}}
                """.formatted(upstream.baseUrl()), Map.of("KEY_A", "sk-a"), ticker);
    }

    /** Posts, and each time a retry is waiting (a delay shorter than the 60 s first-byte timeout), notes it and moves time on by it. */
    HttpResponse<String> post(String body) {
        var f = gw.postAsync("/v1/chat/completions", body);
        while (true) {
            await().until(() -> f.isDone() || retryWaiting() != null);
            if (f.isDone()) return f.join();
            long ms = retryWaiting();
            delays.add(ms);
            ticker.advance(ms);
        }
    }

    Long retryWaiting() {
        return ticker.pendingDelays().stream().filter(d -> d < 60_000).findFirst().orElse(null);
    }

    @AfterEach
    void stop() {
        gw.close();
        upstream.close();
    }

    LedgerRecord record(HttpResponse<String> r) {
        String id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
        await().until(() -> gw.records().stream().anyMatch(x -> x.requestId().equals(id)));
        return gw.records().stream().filter(x -> x.requestId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void a429WithRetryAfterIsRetriedOnTheSameDeploymentAfterExactlyThatLong() {
        upstream.enqueue(Script.json(429, LIMITED).withHeader("retry-after", "2"));
        upstream.enqueue(Script.json(429, LIMITED).withHeader("retry-after-ms", "1500"));
        upstream.enqueue(Script.json(200, OK));
        var r = post(ASK);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("gpt-4.1-mini");
        assertThat(delays).containsExactly(2000L, 1500L);
        assertThat(upstream.received()).hasSize(3);
        var rec = record(r);
        assertThat(rec.attempts()).extracting(a -> a.errorClass()).containsExactly(ErrorClass.RATE_LIMITED, ErrorClass.RATE_LIMITED, null);
        assertThat(rec.attempts()).extracting(a -> a.model()).containsOnly("gpt-4.1-mini");
    }

    @Test
    void anExhaustedRateLimitSkipsDeploymentsOnTheSameAccountAndFallsOverElsewhere() {
        for (int i = 0; i < 3; i++) upstream.enqueue(Script.json(429, LIMITED));
        var r = post(ASK);
        assertThat(r.statusCode()).isEqualTo(200);
        // gpt-4.1-nano shares acct-a's exhausted limit: skipped; demo-mid (another account) answers
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-mid");
        assertThat(upstream.received()).hasSize(3).allSatisfy(q -> assertThat(q.json().getString("model")).isEqualTo("gpt-4.1-mini"));
        // full jitter: retry n waits a uniform draw in [0, min(4000, 250 x 2^n))
        assertThat(delays).hasSize(2);
        assertThat(delays.get(0)).isBetween(0L, 249L);
        assertThat(delays.get(1)).isBetween(0L, 499L);
        assertThat(record(r).attempts()).extracting(a -> a.model()).containsExactly("gpt-4.1-mini", "gpt-4.1-mini", "gpt-4.1-mini", "demo-mid");
    }

    @Test
    void aServerErrorIsRetriedThenSucceeds() {
        upstream.enqueue(Script.json(500, BROKEN));
        upstream.enqueue(Script.json(200, OK));
        var r = post(ASK);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("gpt-4.1-mini");
        assertThat(r.headers().firstValue("x-gearbox-attempts")).hasValue("2");
        assertThat(delays).hasSize(1);
    }

    @Test
    void aRetryAfterLongerThanTheLimitIsNotWaitedFor() {
        upstream.enqueue(Script.json(429, LIMITED).withHeader("retry-after", "60"));
        var r = post(ASK);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-mid");
        assertThat(delays).isEmpty();
        assertThat(upstream.received()).hasSize(1);
    }

    @Test
    void aBadRequestIsNeverRetried() {
        upstream.enqueue(Script.json(400, "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"param\":\"messages\"}}"));
        var r = post(ASK);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(delays).isEmpty();
        assertThat(upstream.received()).hasSize(1);
    }
}
