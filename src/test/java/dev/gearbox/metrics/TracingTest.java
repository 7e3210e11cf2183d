package dev.gearbox.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.app.Gateway;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.ServerConfig;
import dev.gearbox.config.TelemetryConfig;
import dev.gearbox.ledger.RecentLedger;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Traces with the GenAI semantic conventions: what a request through the gateway produces, and that OTLP export happens. */
class TracingTest {
    static final String CONFIG = """
            providers:
              - {name: sim, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 20}}
            deployments:
              - {model: demo-efficient, provider: sim}
              - {model: demo-frontier, provider: sim}
            routing:
              default: auto
              baseline: demo-frontier
              policies:
                - {name: auto, type: rules, default: {tier: efficient}}
            telemetry:
              otlp_endpoint: http://127.0.0.1:4318/v1/traces
            """;

    static GearboxConfig config() {
        return ConfigLoader.parse(CONFIG, "t.yaml", k -> null, Gateway.providerKinds()).withServer(new ServerConfig("127.0.0.1", 0, 1 << 20));
    }

    static void ask(Gateway gw) throws Exception {
        var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestBecomesAServerSpanWithGenAiAttributesAndAClientSpanPerAttempt() throws Exception {
        assertThat(config().telemetry().enabled()).isTrue();
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        TracingLedger tracing = new TracingLedger(new RecentLedger(10), spans, "gearbox-test");
        Gateway gw = Gateway.start(config(), tracing).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        ask(gw);
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            tracing.flush();
            return spans.getFinishedSpanItems().size() >= 2;
        });
        List<SpanData> all = spans.getFinishedSpanItems();
        gw.close();
        SpanData server = all.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(server.getName()).isEqualTo("chat demo-efficient");
        assertThat(server.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
        assertThat(server.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("auto");
        assertThat(server.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo("demo-efficient");
        assertThat(server.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isPositive();
        assertThat(server.getAttributes().get(AttributeKey.stringKey("gearbox.route"))).isEqualTo("auto");
        assertThat(server.getAttributes().get(AttributeKey.doubleKey("gearbox.cost_usd"))).isPositive();
        assertThat(server.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("gearbox-test");
        SpanData client = all.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(client.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("sim");
    }

    @Test
    void spansAreExportedOverOtlpHttpToTheConfiguredEndpoint() throws Exception {
        Vertx vertx = Vertx.vertx();
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            received.add(req.method() + " " + req.path() + " " + req.getHeader("content-type") + " " + b.length());
            req.response().setStatusCode(200).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            TelemetryConfig t = new TelemetryConfig("http://127.0.0.1:" + receiver.actualPort() + "/v1/traces", "gearbox");
            Gateway gw = Gateway.start(config(), TracingLedger.otlp(new RecentLedger(10), t))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            ask(gw);
            gw.close();
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            assertThat(received.get(0)).startsWith("POST /v1/traces application/x-protobuf");
        } finally {
            vertx.close();
        }
    }

    @Test
    void aBadEndpointIsAConfigError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLoader.parse(CONFIG.replace("http://127.0.0.1:4318/v1/traces", "127.0.0.1:4318"),
                "t.yaml", k -> null, Gateway.providerKinds())).hasMessageContaining("t.yaml:12").hasMessageContaining("http(s) URL");
    }
}
