package dev.gearbox.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.config.LedgerConfig;
import dev.gearbox.ledger.LedgerStore;
import dev.gearbox.testing.GatewayProcess;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway processes on one Redis (limits) and one PostgreSQL (ledger and keys), as a team
 * running replicas would: a key's daily budget holds across both, overspent by at most the
 * requests that were in flight when it ran out. Uses the servers on 127.0.0.1 (as CI has).
 */
class TwoReplicaBudgetTest {
    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final double BUDGET_USD = 0.01;
    static final int PER_REPLICA = 120;
    static final int IN_FLIGHT_PER_REPLICA = 8;

    @TempDir
    Path dir;

    @Test
    void aDailyBudgetHoldsAcrossTwoReplicas() throws Exception {
        String schema = "gbx_2r_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String prefix = "gbx-2r-" + schema;
        Path config = dir.resolve("gearbox.yaml");
        Files.writeString(config, """
                providers:
                  - {name: sim, kind: simulated, options: {ttft_ms: 15, tokens_per_second: 4000, output_tokens: 40}}
                deployments:
                  - {model: demo-frontier, provider: sim}
                routing:
                  default: one
                  policies:
                    - {name: one, type: rules, default: {model: demo-frontier}}
                ledger: {store: postgres, url: "%s", user: postgres, schema: %s}
                limits: {store: redis, url: "redis://127.0.0.1:6379", prefix: %s}
                auth: {require_keys: true}
                """.formatted(PG_URL, schema, prefix));
        LedgerConfig lc = new LedgerConfig("postgres", null, PG_URL, "postgres", null, schema, LedgerConfig.Redact.NONE, 1000, 100);
        Keys.Created key;
        try (LedgerStore store = LedgerStore.open(lc)) {
            key = new Keys(new JdbcKeyStore(store.dataSource()), System::currentTimeMillis)
                    .create("two replicas", "team-a", null, List.of(), 0, 0, BUDGET_USD, 0);
        }
        List<GatewayProcess> replicas = new ArrayList<>();
        try {
            List<Integer> ports = List.of(GatewayProcess.freePort(), GatewayProcess.freePort());
            for (int port : ports) replicas.add(GatewayProcess.start(config, port));

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            List<Semaphore> gates = List.of(new Semaphore(IN_FLIGHT_PER_REPLICA), new Semaphore(IN_FLIGHT_PER_REPLICA));
            for (int i = 0; i < PER_REPLICA * 2; i++) {
                int r = i % 2;
                Semaphore gate = gates.get(r);
                gate.acquireUninterruptibly();
                calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(r) + "/v1/chat/completions"))
                                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                                .header("authorization", "Bearer " + key.secret())
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"request " + i + "\"}]}"))
                                .build(), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((x, t) -> gate.release()));
            }
            int[] served = new int[2];
            int[] refused = new int[2];
            for (int i = 0; i < calls.size(); i++) {
                HttpResponse<String> resp = calls.get(i).join();
                if (resp.statusCode() == 200) {
                    served[i % 2]++;
                } else {
                    assertThat(resp.statusCode()).as(resp.body()).isEqualTo(429);
                    assertThat(new JsonObject(resp.body()).getJsonObject("error").getString("code")).isEqualTo("daily_budget_exceeded");
                    refused[i % 2]++;
                }
            }
            for (GatewayProcess p : replicas) p.terminate(); // SIGTERM: each drains its ledger queue
            for (GatewayProcess p : replicas) {
                assertThat(p.exitStatus(Duration.ofSeconds(60))).as("exit status after SIGTERM").isZero();
            }

            double spent;
            double maxOne;
            long rows;
            try (Connection c = DriverManager.getConnection(PG_URL, "postgres", null);
                 ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(SUM(cost_usd), 0), COALESCE(MAX(cost_usd), 0), COUNT(*) FROM "
                         + schema + ".requests WHERE key_id = '" + key.key().id() + "' AND status = 200")) {
                rs.next();
                spent = rs.getDouble(1);
                maxOne = rs.getDouble(2);
                rows = rs.getLong(3);
            }
            int inFlight = 2 * IN_FLIGHT_PER_REPLICA;
            System.out.printf("two replicas: served %d + %d, refused %d + %d, spent $%.6f of a $%.4f budget (max request $%.6f, overspend bound $%.6f)%n",
                    served[0], served[1], refused[0], refused[1], spent, BUDGET_USD, maxOne, inFlight * maxOne);
            assertThat(rows).isEqualTo(served[0] + served[1]);           // every served request is in the shared ledger
            assertThat(served[0]).isPositive();
            assertThat(served[1]).isPositive();                           // both replicas served ...
            assertThat(refused[0] + refused[1]).isPositive();             // ... and the budget stopped them
            assertThat(spent).isGreaterThanOrEqualTo(BUDGET_USD);        // the budget was reached
            assertThat(spent).isLessThanOrEqualTo(BUDGET_USD + inFlight * maxOne); // overspent by at most what was in flight
        } finally {
            for (GatewayProcess p : replicas) p.close();
            try (Connection c = DriverManager.getConnection(PG_URL, "postgres", null)) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
