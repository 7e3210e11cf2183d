package dev.gearbox.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.app.Gateway;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.LedgerConfig;
import dev.gearbox.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same ledger test on SQLite (a file in a temp folder, created on first open) and PostgreSQL
 * (the server on 127.0.0.1:5432, a fresh schema per run): requests through a real gateway, the
 * gateway closed (which flushes), then what the store says matches what crossed the wire.
 */
class LedgerStoresTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @TempDir
    Path dir;

    LedgerConfig config(String store) {
        return switch (store) {
            case "sqlite" -> new LedgerConfig("sqlite", dir.resolve("data/ledger.db"), null, null, null, null,
                    LedgerConfig.Redact.HASH, 1000, 50);
            default -> new LedgerConfig("postgres", null, PG_URL, "postgres", null,
                    "gbx_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), LedgerConfig.Redact.HASH, 1000, 50);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void everyServedRequestIsRecordedWithItsCostSavingsAndStory(String kind) throws Exception {
        LedgerConfig lc = config(kind);
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
                    - name: auto
                      type: rules
                      rules:
                        - {name: code, when: {has_code: true}, tier: frontier}
                      default: {tier: efficient}
                """, "test.yaml", k -> null, Gateway.providerKinds()).withServer(new ServerConfig("127.0.0.1", 0, 1 << 20))
                .withLedger(lc);
        JdbcLedger ledger = new JdbcLedger(LedgerStore.open(lc), lc.queue(), lc.batch());
        Gateway gw = Gateway.start(cfg, ledger).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        double wireTokens = 0;
        for (int i = 0; i < 30; i++) {
            String content = i % 3 == 0 ? "Fix:\\n```py\\nprint(1\\n```" : "Say hello number " + i;
            var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + "/v1/chat/completions"))
                    .header("content-type", "application/json").header("x-gearbox-tag", i % 2 == 0 ? "even" : "odd")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            ids.add(r.headers().firstValue("x-gearbox-request-id").orElseThrow());
            wireTokens += JSON.readTree(r.body()).path("usage").path("completion_tokens").asDouble();
        }
        gw.close(); // stops the server and flushes the ledger
        assertThat(ledger.written()).isEqualTo(30);
        assertThat(ledger.dropped()).isZero();

        try (LedgerStore store = LedgerStore.open(lc)) {
            LedgerQueries q = new LedgerQueries(store.dataSource());
            assertThat(q.count()).isEqualTo(30);
            var byModel = q.summary(0, LedgerQueries.By.MODEL);
            assertThat(byModel).extracting(LedgerQueries.Row::group).containsExactlyInAnyOrder("demo-frontier", "demo-efficient");
            var frontier = byModel.stream().filter(r -> r.group().equals("demo-frontier")).findFirst().orElseThrow();
            var efficient = byModel.stream().filter(r -> r.group().equals("demo-efficient")).findFirst().orElseThrow();
            assertThat(frontier.requests()).isEqualTo(10);
            assertThat(efficient.requests()).isEqualTo(20);
            assertThat(frontier.savingsUsd()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12)); // served by the baseline itself
            assertThat(efficient.savingsUsd()).isPositive().isLessThan(efficient.baselineCostUsd());
            assertThat(efficient.outputTokens() + frontier.outputTokens()).isEqualTo((long) wireTokens);
            var all = q.summary(0, LedgerQueries.By.ALL).get(0);
            assertThat(all.savingsPercent()).isBetween(1.0, 100.0);
            assertThat(q.summary(0, LedgerQueries.By.FEATURE)).extracting(LedgerQueries.Row::group).containsExactlyInAnyOrder("even", "odd");
            JsonNode detail = JSON.readTree(q.detail(ids.get(0)));
            assertThat(detail.path("decision").path("policy").asText()).isEqualTo("auto");
            assertThat(detail.path("decision").path("reason").asText()).contains("rule code");
            assertThat(detail.path("signals").path("code").asBoolean()).isTrue();
            assertThat(detail.path("attempts").get(0).path("model").asText()).isEqualTo("demo-frontier");
            assertThat(detail.path("prompt").asText()).startsWith("sha256:").doesNotContain("print");
            assertThat(q.summary(System.currentTimeMillis() + 60_000, LedgerQueries.By.MODEL)).isEmpty();

            // the dashboard's documents on the same store (each query is portable SQL)
            var reports = new dev.gearbox.report.Reports(store.dataSource());
            long now = System.currentTimeMillis();
            JsonNode overview = dev.gearbox.report.Reports.JSON.valueToTree(reports.overview(now - 3_600_000, now, "demo-frontier"));
            assertThat(overview.at("/totals/requests").asLong()).isEqualTo(30);
            long inSeries = 0;
            for (JsonNode b : overview.path("series")) inSeries += b.path("requests").asLong();
            assertThat(inSeries).isEqualTo(30);
            JsonNode routes = dev.gearbox.report.Reports.JSON.valueToTree(reports.routes(0));
            for (JsonNode m : routes.path("models")) {
                var row = m.path("group").asText().equals("demo-frontier") ? frontier : efficient;
                assertThat(m.path("p95_ms").asLong()).isEqualTo(row.p95Ms());
                assertThat(m.path("cost_per_request_usd").asDouble()).isCloseTo(row.costUsd() / row.requests(), org.assertj.core.data.Offset.offset(1e-12));
            }
            assertThat(routes.at("/routes/0/group").asText()).isEqualTo("auto");
            assertThat(routes.at("/routes/0/requests").asLong()).isEqualTo(30);
            JsonNode found = dev.gearbox.report.Reports.JSON.valueToTree(reports.decisions(new DashboardQueries.Filter(0L, null, null, "demo-frontier", null, null, null), 100));
            assertThat(found.path("rows").size()).isEqualTo(10);
            assertThat(dev.gearbox.report.Reports.JSON.valueToTree(reports.request(ids.get(0))).at("/request/served_model").asText()).isEqualTo("demo-frontier");
            assertThat(dev.gearbox.report.Reports.JSON.valueToTree(reports.observation(0)).path("observed_requests").asLong()).isZero();
            assertThat(dev.gearbox.report.Reports.JSON.valueToTree(reports.keys(List.of(), now)).path("teams").size()).isZero();
        } finally {
            if (kind.equals("postgres")) {
                try (var c = DriverManager.getConnection(PG_URL, "postgres", null)) {
                    c.createStatement().execute("DROP SCHEMA " + lc.schema() + " CASCADE");
                }
            }
        }
    }
}
