package dev.gearbox.testing;

import dev.gearbox.app.Gateway;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.ledger.LedgerRecord;
import dev.gearbox.ledger.RecentLedger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real gateway on an ephemeral loopback port, started from YAML text, with an in-memory ledger
 * the test can read, and a plain JDK HTTP client so tests see exactly what crossed the wire.
 */
public final class TestGateway implements AutoCloseable {
    private final Gateway gateway;
    private final RecentLedger ledger;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestGateway(Gateway gateway, RecentLedger ledger) {
        this.gateway = gateway;
        this.ledger = ledger;
    }

    public static TestGateway start(String yaml) {
        return start(yaml, Map.of());
    }

    public static TestGateway start(String yaml, Map<String, String> env) {
        return start(yaml, env, null);
    }

    /** With dispatch's clock given: a {@link ManualTicker} drives retries, timeouts, hedges and cool-downs. */
    public static TestGateway start(String yaml, Map<String, String> env, dev.gearbox.dispatch.Ticker ticker) {
        GearboxConfig cfg = ConfigLoader.parse(yaml, "test.yaml", env::get, Gateway.providerKinds());
        cfg = cfg.withServer(cfg.server().at("127.0.0.1", 0));
        RecentLedger ledger = new RecentLedger(10_000);
        try {
            Gateway g = Gateway.start(cfg, ledger, ticker).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new TestGateway(g, ledger);
        } catch (Exception e) {
            throw new IllegalStateException("gateway did not start", e);
        }
    }

    public Gateway gateway() {
        return gateway;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return send(b.build());
    }

    /** As {@link #post}, without waiting: for tests that move a {@link ManualTicker} while the request is in flight. */
    public java.util.concurrent.CompletableFuture<HttpResponse<String>> postAsync(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    public HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ledger records so far (the ledger is written after the response, so await when asserting on it). */
    public List<LedgerRecord> records() {
        return ledger.recent();
    }

    @Override
    public void close() {
        gateway.close();
    }

    /** A fleet of three instant simulated models, one per tier, and the rules the demo uses. */
    public static final String SIMULATED_FLEET = """
            providers:
              - name: sim-frontier
                kind: simulated
                options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 40}
              - name: sim-mid
                kind: simulated
                options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 30}
              - name: sim-efficient
                kind: simulated
                options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 20}
            deployments:
              - {model: demo-frontier, provider: sim-frontier}
              - {model: demo-mid, provider: sim-mid}
              - {model: demo-efficient, provider: sim-efficient}
            aliases:
              smart: demo-frontier
            routing:
              default: auto-rules
              baseline: demo-frontier
              policies:
                - name: auto-rules
                  type: rules
                  rules:
                    - name: code
                      when: {has_code: true}
                      tier: frontier
                    - name: light
                      when: {tag: [summarize, classify]}
                      model: demo-efficient
                    - name: reviews
                      when: {metadata: {feature: code_review}}
                      model: demo-frontier
                  default: {tier: mid}
            """;
}
