package dev.gearbox.ledger;

import dev.gearbox.config.LedgerConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/**
 * Fills a scratch SQLite ledger with synthetic rows for the dashboard's scale check (not a test,
 * never part of the suite; {@code scripts/dashboard-10m.sh} runs it): {@code rows} requests spread
 * evenly over the last 30 days, across three models and routes, 40 keys in 5 teams, 8 feature
 * tags, 10% observed (with a would-route model and projected cost), 2% errors, 3% fallbacks,
 * a quarter streamed, a realistic detail document; plus a shadow decision for every observed
 * request and a shadow test for 1% of requests. Generated inside SQLite (a recursive CTE), with
 * the indexes rebuilt afterwards, so 10 million rows take minutes, not hours.
 */
public final class LedgerSeed {
    static final long DAYS = 30;
    static final String DETAIL = "{\"signals\":{\"context_bytes\":812,\"turns\":1,\"task\":\"chat\",\"code\":false,\"code_language\":null,"
            + "\"math\":false,\"instructions\":1,\"complexity_markers\":0,\"high_stakes\":false,\"output_size\":\"unspecified\",\"tools\":false,"
            + "\"images\":false,\"json\":false,\"domains\":[],\"structured\":[]},\"decision\":{\"policy\":\"auto\",\"version\":\"1\",\"reason\":"
            + "\"default -> tier mid\",\"confidence\":1.0,\"candidates\":[{\"model\":\"demo-mid\",\"score\":1.0,\"why\":\"primary\"}],"
            + "\"rejected\":[]},\"mode\":\"route\",\"attempts\":[{\"kind\":\"serve\",\"deployment\":\"sim-mid/demo-mid\",\"status\":200}]}";

    private LedgerSeed() {}

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        long rows = Long.parseLong(args.length > 1 ? args[1] : "10000000");
        LedgerConfig cfg = new LedgerConfig("sqlite", path, null, null, null, "public", LedgerConfig.Redact.NONE, 1000, 100);
        long t0 = System.nanoTime();
        try (LedgerStore store = LedgerStore.open(cfg); Connection c = store.dataSource().getConnection()) {
            List<String> indexes = List.of(
                    "CREATE INDEX requests_ts_cover ON requests (ts, served_model, route, status, cost_usd, baseline_cost_usd, fallback, "
                            + "escalated, input_tokens, output_tokens, latency_ms, stream, ttft_ms, mode, would_model, projected_cost_usd, key_id, team)",
                    "CREATE INDEX requests_key_ts ON requests (key_id, ts)",
                    "CREATE INDEX requests_model_ts ON requests (served_model, ts)", "CREATE INDEX requests_route_ts ON requests (route, ts)",
                    "CREATE INDEX requests_mode_ts ON requests (mode, ts, would_model, cost_usd, projected_cost_usd)");
            try (Statement s = c.createStatement()) {
                for (String ix : indexes) s.execute("DROP INDEX IF EXISTS " + ix.split(" ")[2]);
                s.execute("DROP INDEX IF EXISTS requests_ts");
                s.execute("PRAGMA cache_size = -400000");
            }
            long now = System.currentTimeMillis();
            long start = now - DAYS * 86_400_000L;
            long step = Math.max(1, DAYS * 86_400_000L / rows);
            c.setAutoCommit(false);
            long chunk = 1_000_000;
            for (long from = 0; from < rows; from += chunk) {
                long to = Math.min(rows, from + chunk) - 1;
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    ps.setLong(1, from);
                    ps.setLong(2, to);
                    ps.setLong(3, start);
                    ps.setLong(4, step);
                    ps.setString(5, DETAIL);
                    ps.executeUpdate();
                }
                c.commit();
                System.out.printf("%,d rows (%.0f s)%n", to + 1, (System.nanoTime() - t0) / 1e9);
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO shadow_decisions (request_id, ts, policy, policy_version, model, diverges, projected_cost_usd, "
                        + "actual_cost_usd) SELECT request_id, ts, 'frugal', '1', 'demo-efficient', CASE WHEN served_model = 'demo-efficient' "
                        + "THEN 0 ELSE 1 END, input_tokens * 0.0000001, cost_usd FROM requests WHERE mode = 'observe'");
                s.executeUpdate("INSERT INTO shadow_tests (request_id, ts, route, task, served_model, other_model, evaluator, score, "
                        + "other_cost_usd) SELECT request_id, ts, route, 'chat', served_model, 'demo-frontier', 'similarity', "
                        + "0.5 + (ts % 50) / 100.0, 0.002 FROM requests WHERE ts % 100 = 0");
                c.commit();
                System.out.printf("shadow rows (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
                for (String ix : indexes) {
                    s.execute(ix);
                    c.commit();
                }
                // the rows were inserted around the ledger's write path: fill the hourly rollup from them as the migration does
                HourlyRollup.backfill(c);
                c.commit();
                System.out.printf("hourly rollup (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
                s.execute("ANALYZE");
                c.commit();
            }
        }
        System.out.printf("done: %,d rows in %.0f s%n", rows, (System.nanoTime() - t0) / 1e9);
    }

    /** One chunk of synthetic requests; h1..h3 are cheap deterministic hashes of the row number, so a row's fields agree. */
    static final String INSERT = """
            WITH RECURSIVE c(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM c WHERE i < ?),
            h AS (SELECT i, (i * 2654435761) % 1000 AS h1, (i * 40503 + 7) % 997 AS h2, (i * 69069 + 3) % 991 AS h3, ? + i * ? AS ts FROM c)
            INSERT INTO requests (request_id, ts, key_id, team, tag, caller_tier, ingress, requested_model, stream, served_model, provider,
              route, policy_version, reason, status, error_class, input_tokens, cached_input_tokens, output_tokens, reasoning_tokens,
              cost_usd, baseline_cost_usd, latency_ms, ttft_ms, attempts, fallback, escalated, detail, mode, would_model, projected_cost_usd)
            SELECT printf('gbx-seed-%010d', i), ts,
              CASE WHEN h2 % 5 = 0 THEN 'anonymous' ELSE printf('vk_seed%02d', h2 % 40) END,
              CASE WHEN h2 % 5 = 0 THEN NULL ELSE printf('team-%d', h2 % 40 % 5) END,
              CASE h3 % 8 WHEN 0 THEN 'chat' WHEN 1 THEN 'summarize' WHEN 2 THEN 'translate' WHEN 3 THEN 'classify'
                WHEN 4 THEN 'code-review' WHEN 5 THEN 'extract' WHEN 6 THEN 'legal' ELSE 'reasoning' END,
              'interactive', 'openai', 'auto', CASE WHEN i % 4 = 0 THEN 1 ELSE 0 END,
              CASE WHEN h1 % 10 = 9 THEN 'demo-frontier' WHEN h1 < 500 THEN 'demo-efficient' WHEN h1 < 850 THEN 'demo-mid' ELSE 'demo-frontier' END,
              'sim', CASE WHEN h1 % 10 = 9 THEN 'observe' WHEN h3 % 3 = 0 THEN 'demo-auto' WHEN h3 % 3 = 1 THEN 'by-task' ELSE 'thrifty' END,
              '1', 'default -> tier mid', CASE WHEN h2 < 20 THEN 503 ELSE 200 END, CASE WHEN h2 < 20 THEN 'overloaded' ELSE NULL END,
              100 + h2, 0, 50 + h3, 0,
              CASE WHEN h1 % 10 = 9 OR h1 >= 850 THEN 0.0022 WHEN h1 < 500 THEN 0.00004 ELSE 0.0003 END * (1 + h3 / 1000.0),
              0.0022 * (1 + h3 / 1000.0),
              200 + h2 * 3 + h3, CASE WHEN i % 4 = 0 THEN 50 + h3 / 4 ELSE -1 END,
              CASE WHEN h2 % 33 = 0 THEN 2 ELSE 1 END, CASE WHEN h2 % 33 = 0 THEN 1 ELSE 0 END, CASE WHEN h3 % 100 = 0 THEN 1 ELSE 0 END,
              ?, CASE WHEN h1 % 10 = 9 THEN 'observe' ELSE 'route' END,
              CASE WHEN h1 % 10 = 9 THEN CASE WHEN h3 % 2 = 0 THEN 'demo-efficient' ELSE 'demo-mid' END ELSE NULL END,
              CASE WHEN h1 % 10 = 9 THEN CASE WHEN h3 % 2 = 0 THEN 0.00004 ELSE 0.0003 END ELSE NULL END
            FROM h
            """;
}
