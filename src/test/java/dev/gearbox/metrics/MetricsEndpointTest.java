package dev.gearbox.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.app.Gateway;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.ServerConfig;
import dev.gearbox.ledger.RecentLedger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** GET /metrics serves Prometheus text whose counters match the traffic that crossed the wire. */
class MetricsEndpointTest {
    @Test
    void requestsCostAndSavingsAreCountedPerModelAndRoute() throws Exception {
        GearboxConfig cfg = ConfigLoader.parse("""
                providers:
                  - {name: sim, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 20}}
                deployments:
                  - {model: demo-frontier, provider: sim}
                  - {model: demo-efficient, provider: sim}
                routing:
                  default: auto
                  baseline: demo-frontier
                  policies:
                    - {name: auto, type: rules, default: {tier: efficient}}
                """, "t.yaml", k -> null, Gateway.providerKinds()).withServer(new ServerConfig("127.0.0.1", 0, 1 << 20));
        Gateway gw = Gateway.start(cfg, new MeteredLedger(new RecentLedger(100))).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + gw.port();
            double outputTokens = 0;
            for (int i = 0; i < 7; i++) {
                var r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions")).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi " + i + "\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                outputTokens += new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("usage").path("completion_tokens").asDouble();
            }
            var bad = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions")).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"no-such\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(404);
            var m = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(m.statusCode()).isEqualTo(200);
            assertThat(m.headers().firstValue("content-type")).get().asString().startsWith("text/plain");
            String text = m.body();
            assertThat(value(text, "gearbox_requests_total\\{model=\"demo-efficient\",route=\"auto\",status=\"2xx\"}")).isEqualTo(7.0);
            assertThat(value(text, "gearbox_request_duration_seconds_count\\{model=\"demo-efficient\",route=\"auto\"}")).isEqualTo(7.0);
            assertThat(value(text, "gearbox_cost_usd_total\\{key=\"anonymous\",model=\"demo-efficient\",route=\"auto\"}")).isPositive();
            assertThat(value(text, "gearbox_savings_usd_total\\{model=\"demo-efficient\",route=\"auto\"}")).isPositive();
            assertThat(value(text, "gearbox_tokens_total\\{model=\"demo-efficient\",type=\"output\"}")).isEqualTo(outputTokens);
            assertThat(text).contains("gearbox_request_duration_seconds_bucket");
        } finally {
            gw.close();
        }
    }

    static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(text);
        assertThat(m.find()).as("series " + series + " in\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
