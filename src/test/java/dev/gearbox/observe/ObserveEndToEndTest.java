package dev.gearbox.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.app.Gateway;
import dev.gearbox.app.MainAccess;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.LedgerConfig;
import dev.gearbox.config.ServerConfig;
import dev.gearbox.eval.CostTable;
import dev.gearbox.eval.Routeset;
import dev.gearbox.eval.RoutesetItem;
import dev.gearbox.governance.MemoryKeyStore;
import dev.gearbox.ledger.JdbcLedger;
import dev.gearbox.ledger.LedgerStore;
import dev.gearbox.ledger.ObserveQueries;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Observe first, end to end: a gateway in observe mode over the replay provider (recorded answers
 * of a strong and a weak model), with a shadow policy and shadow tests on every request, serves
 * every request with the baseline as asked, and its observation report (SQLite ledger) agrees with
 * what {@code gearbox eval} computes for the same policy on the same prompts: where it would route,
 * the projected savings, and the quality of the cheaper answers.
 */
class ObserveEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void theObservationReportAgreesWithEvalOnTheSamePrompts() throws Exception {
        Path data = Path.of("src/test/resources/fixtures/eval/observe.jsonl").toAbsolutePath();
        String yaml = """
                providers:
                  - {name: recorded, kind: replay, options: {file: "%s"}}
                catalog:
                  - {id: strong-model, vendor: test, tier: frontier, context_window: 8000, max_output: 1000,
                     capabilities: [streaming], price: {input: 10, output: 30, as_of: 2024-01-01, source: test}}
                  - {id: weak-model, vendor: test, tier: efficient, context_window: 8000, max_output: 1000,
                     capabilities: [streaming], price: {input: 0.25, output: 0.25, as_of: 2024-01-01, source: test}}
                deployments:
                  - {model: strong-model, provider: recorded}
                  - {model: weak-model, provider: recorded}
                routing:
                  default: by-math
                  baseline: strong-model
                  policies:
                    - name: by-math
                      type: rules
                      rules:
                        - {name: maths, when: {math: true}, model: strong-model}
                      default: {model: weak-model}
                    - name: always-weak
                      type: rules
                      default: {model: weak-model}
                observe:
                  mode: observe
                  shadow_policies: [always-weak]
                  shadow_tests: {sample: 1.0, compare_with: would-route, evaluators: [exact, similarity]}
                """.formatted(data);
        Path cfgFile = dir.resolve("gearbox.yaml");
        Files.writeString(cfgFile, yaml);
        GearboxConfig cfg = ConfigLoader.parse(yaml, "t.yaml", k -> null, Gateway.providerKinds())
                .withServer(new ServerConfig("127.0.0.1", 0, 1 << 20));
        LedgerConfig lc = new LedgerConfig("sqlite", dir.resolve("ledger.db"), null, null, null, null, LedgerConfig.Redact.NONE, 1000, 50);
        LedgerStore store = LedgerStore.open(lc);
        JdbcObservationLog observations = new JdbcObservationLog(store.dataSource());
        Gateway g = Gateway.start(cfg, new JdbcLedger(store, 1000, 50), null, new MemoryKeyStore(), observations)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Routeset set = Routeset.load(data);
        HttpClient http = HttpClient.newHttpClient();
        int served = 0;
        try {
            for (RoutesetItem i : set.items()) {
                String body = new ObjectMapper().createObjectNode().put("model", "auto")
                        .set("messages", new ObjectMapper().createArrayNode().add(new ObjectMapper().createObjectNode()
                                .put("role", "user").put("content", i.prompt()))).toString();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/v1/chat/completions"))
                        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("strong-model"); // observe: served as the baseline
                assertThat(r.headers().firstValue("x-gearbox-reason").orElseThrow()).startsWith("observe: would route to");
                served++;
            }
            // shadow tests run after each answer: wait until every weak-routed prompt has its two verdicts
            await().atMost(java.time.Duration.ofSeconds(30)).until(() -> count(store, "SELECT COUNT(*) FROM requests") == 20);
            long weak = count(store, "SELECT COUNT(*) FROM requests WHERE would_model = 'weak-model'");
            await().atMost(java.time.Duration.ofSeconds(30)).until(() -> count(store, "SELECT COUNT(*) FROM shadow_tests") == 2 * weak);
        } finally {
            g.close(); // flushes the ledger and the observation log
        }
        assertThat(served).isEqualTo(20);

        // what eval computes for the same policy on the same prompts
        StringWriter ignored = new StringWriter();
        var cli = MainAccess.commandLine();
        cli.setOut(new PrintWriter(ignored));
        cli.setErr(new PrintWriter(ignored));
        assertThat(cli.execute("eval", "--config", cfgFile.toString(), "--policy", "by-math", "--data", data.toString(),
                "--out", dir.resolve("eval").toString())).isZero();
        Map<String, String> evalChoice = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("eval/decisions.jsonl"))) {
            JsonNode n = new ObjectMapper().readTree(line);
            // the configured policy's score is its target's tier: 1 for the strong model, 0 for the weak one
            evalChoice.put(n.get("id").asText(), n.get("p_strong").asDouble() >= 0.5 ? "strong-model" : "weak-model");
        }
        long evalWeak = evalChoice.values().stream().filter("weak-model"::equals).count();
        CostTable costs = CostTable.of(set);
        double evalSavings = 0;
        double evalWeakQuality = 0;
        for (RoutesetItem i : set.items()) {
            if (!"weak-model".equals(evalChoice.get(i.id()))) continue;
            int it = costs.itemIndex(i.id());
            evalSavings += costs.cost(it, costs.modelIndex("strong-model")) - costs.cost(it, costs.modelIndex("weak-model"));
            evalWeakQuality += i.score("weak-model");
        }
        evalWeakQuality /= evalWeak;

        try (LedgerStore read = LedgerStore.open(lc)) {
            ObserveQueries q = new ObserveQueries(read.dataSource());
            Map<String, Long> would = new HashMap<>();
            q.wouldRoute(0).forEach(w -> would.put(w.model(), w.requests()));
            assertThat(would).containsEntry("weak-model", evalWeak).containsEntry("strong-model", 20 - evalWeak);
            assertThat(evalWeak).isBetween(10L, 19L); // chit-chat, and maths the signals did not recognise
            ObserveQueries.Savings s = q.savings(0);
            assertThat(s.requests()).isEqualTo(20);
            assertThat(s.savingsUsd()).isPositive().isCloseTo(evalSavings, org.assertj.core.data.Percentage.withPercentage(15));
            assertThat(s.low()).isLessThanOrEqualTo(s.savingsUsd());
            assertThat(s.high()).isGreaterThanOrEqualTo(s.savingsUsd());
            ObserveQueries.Quality exact = q.quality(0).stream().filter(x -> x.evaluator().equals("exact")).findFirst().orElseThrow();
            assertThat(exact.tests()).isEqualTo(evalWeak);
            // the weak answer matches the served one exactly where the routeset scores the weak model correct
            assertThat(exact.mean()).isCloseTo(evalWeakQuality, org.assertj.core.data.Offset.offset(1e-9));
            ObserveQueries.Shadow shadow = q.shadows(0).get(0);
            assertThat(shadow.policy()).isEqualTo("always-weak");
            assertThat(shadow.requests()).isEqualTo(20);
            assertThat(shadow.divergence()).isEqualTo(1.0); // always-weak never picks the served strong model

            StringWriter table = new StringWriter();
            var report = MainAccess.commandLine();
            report.setOut(new PrintWriter(table));
            Files.writeString(cfgFile, yaml + "ledger: {store: sqlite, path: " + dir.resolve("ledger.db") + "}\n");
            assertThat(report.execute("report", "--config", cfgFile.toString(), "--observe", "--since", "1d")).isZero();
            assertThat(table.toString()).contains("Observed requests: 20").contains("weak-model").contains("Projected savings")
                    .contains("always-weak").contains("exact");
            StringWriter json = new StringWriter();
            var reportJson = MainAccess.commandLine();
            reportJson.setOut(new PrintWriter(json));
            assertThat(reportJson.execute("report", "--config", cfgFile.toString(), "--observe", "--json")).isZero();
            JsonNode j = new ObjectMapper().readTree(json.toString());
            assertThat(j.get("observed_requests").asLong()).isEqualTo(20);
            assertThat(j.at("/projected_savings/savings_usd").asDouble()).isCloseTo(s.savingsUsd(), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    static long count(LedgerStore store, String sql) throws Exception {
        try (var c = store.dataSource().getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
