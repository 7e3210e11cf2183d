package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.ledger.RecentLedger;
import dev.gearbox.metrics.MeteredLedger;
import dev.gearbox.metrics.TracingLedger;
import dev.gearbox.testing.CapturedLogs;
import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.FakeUpstream.Script;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Provider keys given to the gateway never come back out: not in the client's error bodies or
 * headers (even when a provider echoes the key in its error), not in the ledger, the traces, the
 * /metrics scrape or any log line at DEBUG. Prompts and answers stay out of the logs too (the
 * ledger keeps them only as {@code ledger.redact} says). The keys are planted, and the test checks
 * they really reached the upstreams, so it cannot pass by never using them.
 */
class ProviderKeyLeakTest {
    static final String OPENAI_KEY = "sk-gearbox-planted-openai-7f3a9c1e5b";
    static final String ANTHROPIC_KEY = "sk-ant-gearbox-planted-2d8e4b6a0c";
    static final String PROMPT = "prompt-canary-6c1f: tell me about lighthouses";
    static final String ANSWER = "answer-canary-93be: lighthouses guide ships";

    @Test
    void noKeyAndNoBodyLeavesThroughAnyChannel() throws Exception {
        FakeUpstream openai = FakeUpstream.start();
        FakeUpstream anthropic = FakeUpstream.start();
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        RecentLedger recent = new RecentLedger(100);
        TracingLedger tracing = new TracingLedger(recent, spans, "leak-test");
        GearboxConfig cfg = ConfigLoader.parse("""
                providers:
                  - {name: openai, kind: openai, base_url: %s/v1, api_key_env: OPENAI_API_KEY}
                  - {name: claude, kind: anthropic, base_url: %s, api_key: "${ANTHROPIC_API_KEY}"}
                deployments:
                  - {model: gpt-4.1-mini, provider: openai}
                  - {model: claude-sonnet-4-5, provider: claude}
                resilience: {retries: {per_deployment: 0}}
                observe: {mode: route}
                """.formatted(openai.baseUrl(), anthropic.baseUrl()), "leak.yaml",
                Map.of("OPENAI_API_KEY", OPENAI_KEY, "ANTHROPIC_API_KEY", ANTHROPIC_KEY)::get, Gateway.providerKinds())
                .withServer(new dev.gearbox.config.ServerConfig("127.0.0.1", 0, 1 << 20));
        List<String> seen = new ArrayList<>();
        try (CapturedLogs logs = CapturedLogs.start()) {
            Gateway gw = Gateway.start(cfg, new MeteredLedger(tracing)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            try {
                String base = "http://127.0.0.1:" + gw.port();
                HttpClient http = HttpClient.newHttpClient();
                String ask = "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
                // Providers that echo the key in errors (a 400, a 401, a 500, an error event mid-stream), then an answer;
                // the fake answers in this order (and repeats the last).
                openai.enqueue(Script.json(400, "{\"error\":{\"message\":\"Bad request sent with key " + OPENAI_KEY
                        + "\",\"type\":\"invalid_request_error\",\"code\":null}}"));
                openai.enqueue(Script.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + OPENAI_KEY
                        + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
                openai.enqueue(Script.json(500, "{\"error\":{\"message\":\"internal error for " + OPENAI_KEY + "\",\"type\":\"server_error\"}}"));
                openai.enqueue(Script.sse(List.of(
                        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"" + ANSWER + "\"},\"finish_reason\":null}]}",
                        "data: {\"error\":{\"message\":\"stream broke, key " + OPENAI_KEY + "\",\"type\":\"server_error\"}}")));
                openai.enqueue(Script.json(200, "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4.1-mini\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + ANSWER + "\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":5,\"total_tokens\":14}}"));
                HttpResponse<String> r400 = post(http, base + "/v1/chat/completions", ask);
                assertThat(r400.statusCode()).isEqualTo(400);
                assertThat(r400.body()).contains("Bad request sent with key").doesNotContain(OPENAI_KEY);
                assertThat(openai.last().headers().get("authorization")).isEqualTo("Bearer " + OPENAI_KEY);
                seen.add(describe(post(http, base + "/v1/chat/completions", ask)));
                seen.add(describe(post(http, base + "/v1/chat/completions", ask)));
                seen.add(describe(post(http, base + "/v1/chat/completions", ask.replace("{\"model\"", "{\"stream\":true,\"model\""))));
                anthropic.enqueue(Script.json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"key "
                        + ANTHROPIC_KEY + " is not allowed\"}}"));
                HttpResponse<String> ant = post(http, base + "/v1/messages",
                        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}");
                assertThat(ant.statusCode()).isEqualTo(400);
                assertThat(anthropic.last().headers().get("x-api-key")).isEqualTo(ANTHROPIC_KEY);
                seen.add(describe(ant));
                HttpResponse<String> ok = post(http, base + "/v1/chat/completions", ask);
                assertThat(ok.body()).contains(ANSWER);
                seen.add(describe(r400));
                seen.add(describe(ok));
                seen.add(http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
                await().atMost(Duration.ofSeconds(10)).until(() -> recent.recent().size() >= 6);
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    tracing.flush();
                    return spans.getFinishedSpanItems().size() >= 6;
                });
            } finally {
                gw.close();
                openai.close();
                anthropic.close();
            }
            recent.recent().forEach(rec -> seen.add(rec.toString()));
            spans.getFinishedSpanItems().forEach(s -> seen.add(s.toString()));
            org.slf4j.LoggerFactory.getLogger(Gateway.class).debug("log capture check");
            List<String> logLines = logs.lines();
            assertThat(logLines).as("the capture sees DEBUG lines of gateway loggers").anyMatch(l -> l.contains("log capture check"));
            for (String line : logLines) {
                assertThat(line).doesNotContain(OPENAI_KEY, ANTHROPIC_KEY).doesNotContain("prompt-canary", "answer-canary");
            }
        }
        assertThat(seen).hasSizeGreaterThan(10);
        for (String s : seen) assertThat(s).doesNotContain(OPENAI_KEY, ANTHROPIC_KEY);
    }

    static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String describe(HttpResponse<String> r) {
        return r.statusCode() + " " + r.headers().map() + " " + r.body();
    }
}
