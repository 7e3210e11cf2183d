package dev.gearbox.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's hourly rollup, kept in step with {@code requests} so the dashboard's multi-day views read
 * a few hundred rows per hour instead of every request: {@code requests_hourly} (counts, cost, savings
 * and tokens per hour, served model and route), {@code requests_hourly_spend} (spend per hour, key and
 * team) and {@code requests_hourly_latency} (latency
 * and time-to-first-token histograms per hour, served model and route, in rounded buckets). Both are
 * added to from the rows themselves, in the transaction that inserted them, so a rolled-back batch
 * adds nothing and a retried one only adds the rows it really inserted. Missing group values are
 * stored as {@code ''} (a primary key column cannot be null).
 */
public final class HourlyRollup {
    /** An hour in epoch milliseconds. */
    public static final long HOUR = 3_600_000L;
    /** Latency histogram rows: total latency. */
    static final int LATENCY = 0;
    /** Latency histogram rows: time to first token of streamed requests. */
    static final int TTFT = 1;
    /** Histogram buckets per decade above {@link #EXACT_BELOW} ms: each spans about 12%, so a percentile is within about 6%. */
    static final int BUCKETS_PER_DECADE = 20;
    /** Values under this many milliseconds are counted exactly. */
    static final long EXACT_BELOW = 10;

    private static final List<String> DDL = List.of("""
            CREATE TABLE requests_hourly (
                hour              BIGINT NOT NULL,
                served_model      VARCHAR(256) NOT NULL,
                route             VARCHAR(256) NOT NULL,
                requests          BIGINT NOT NULL,
                errors            BIGINT NOT NULL,
                fallbacks         BIGINT NOT NULL,
                escalations       BIGINT NOT NULL,
                cost_usd          DOUBLE PRECISION NOT NULL,
                baseline_cost_usd DOUBLE PRECISION NOT NULL,
                savings_usd       DOUBLE PRECISION NOT NULL,
                input_tokens      BIGINT NOT NULL,
                output_tokens     BIGINT NOT NULL,
                PRIMARY KEY (hour, served_model, route)
            )""", """
            CREATE TABLE requests_hourly_spend (
                hour      BIGINT NOT NULL,
                key_id    VARCHAR(64) NOT NULL,
                team      VARCHAR(128) NOT NULL,
                requests  BIGINT NOT NULL,
                cost_usd  DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (hour, key_id, team)
            )""", """
            CREATE TABLE requests_hourly_latency (
                hour          BIGINT NOT NULL,
                served_model  VARCHAR(256) NOT NULL,
                route         VARCHAR(256) NOT NULL,
                kind          SMALLINT NOT NULL,
                value_ms      BIGINT NOT NULL,
                n             BIGINT NOT NULL,
                PRIMARY KEY (hour, served_model, route, kind, value_ms)
            )""");

    /** The rollup's figures for a set of rows, with the same expressions the row queries use. */
    private static final String SUMS = "INSERT INTO requests_hourly (hour, served_model, route, requests, errors, "
            + "fallbacks, escalations, cost_usd, baseline_cost_usd, savings_usd, input_tokens, output_tokens) "
            + "SELECT (ts / 3600000) * 3600000, COALESCE(served_model, ''), COALESCE(route, ''), "
            + "COUNT(*), SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END), SUM(fallback), SUM(escalated), SUM(cost_usd), "
            + "SUM(CASE WHEN baseline_cost_usd IS NULL THEN 0 ELSE baseline_cost_usd END), "
            + "SUM(CASE WHEN baseline_cost_usd IS NULL THEN 0 ELSE baseline_cost_usd - cost_usd END), SUM(input_tokens), SUM(output_tokens) "
            + "FROM requests WHERE %s GROUP BY (ts / 3600000) * 3600000, COALESCE(served_model, ''), COALESCE(route, '') ORDER BY 1, 2, 3 "
            + "ON CONFLICT (hour, served_model, route) DO UPDATE SET "
            + "requests = requests_hourly.requests + excluded.requests, errors = requests_hourly.errors + excluded.errors, "
            + "fallbacks = requests_hourly.fallbacks + excluded.fallbacks, escalations = requests_hourly.escalations + excluded.escalations, "
            + "cost_usd = requests_hourly.cost_usd + excluded.cost_usd, "
            + "baseline_cost_usd = requests_hourly.baseline_cost_usd + excluded.baseline_cost_usd, "
            + "savings_usd = requests_hourly.savings_usd + excluded.savings_usd, "
            + "input_tokens = requests_hourly.input_tokens + excluded.input_tokens, "
            + "output_tokens = requests_hourly.output_tokens + excluded.output_tokens";
    /** Spend per hour, key and team, for the keys page. */
    private static final String SPEND = "INSERT INTO requests_hourly_spend (hour, key_id, team, requests, cost_usd) "
            + "SELECT (ts / 3600000) * 3600000, COALESCE(key_id, ''), COALESCE(team, ''), COUNT(*), SUM(cost_usd) "
            + "FROM requests WHERE %s GROUP BY (ts / 3600000) * 3600000, COALESCE(key_id, ''), COALESCE(team, '') ORDER BY 1, 2, 3 "
            + "ON CONFLICT (hour, key_id, team) DO UPDATE SET requests = requests_hourly_spend.requests + excluded.requests, "
            + "cost_usd = requests_hourly_spend.cost_usd + excluded.cost_usd";
    private static final String VALUES = "SELECT (ts / 3600000) * 3600000, COALESCE(served_model, ''), COALESCE(route, ''), %s, COUNT(*) "
            + "FROM requests WHERE %s GROUP BY (ts / 3600000) * 3600000, COALESCE(served_model, ''), COALESCE(route, ''), %s";
    private static final String ADD_SUMS = "INSERT INTO requests_hourly (hour, served_model, route, requests, errors, "
            + "fallbacks, escalations, cost_usd, baseline_cost_usd, savings_usd, input_tokens, output_tokens) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) " + SUMS.substring(SUMS.indexOf("ON CONFLICT"));
    private static final String ADD_SPEND = "INSERT INTO requests_hourly_spend (hour, key_id, team, requests, cost_usd) "
            + "VALUES (?, ?, ?, ?, ?) " + SPEND.substring(SPEND.indexOf("ON CONFLICT"));
    private static final String ADD_LATENCY = "INSERT INTO requests_hourly_latency (hour, served_model, route, kind, value_ms, n) "
            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (hour, served_model, route, kind, value_ms) DO UPDATE SET "
            + "n = requests_hourly_latency.n + excluded.n";

    private HourlyRollup() {}

    /**
     * The rollup's tables, for the migration that creates them: portable SQL, and on SQLite without a rowid,
     * so the rows of an hour range lie together in the primary key's tree instead of one table lookup each.
     */
    public static List<String> ddl(boolean sqlite) {
        return DDL.stream().map(t -> sqlite ? t + " WITHOUT ROWID" : t).toList();
    }

    /** The bucket a latency falls in, as the value it is counted at: the bucket's geometric middle, or the value itself under 10 ms. */
    public static long bucket(long ms) {
        if (ms < EXACT_BELOW) return ms;
        double k = Math.floor(Math.log10(ms) * BUCKETS_PER_DECADE);
        return Math.round(Math.pow(10, (k + 0.5) / BUCKETS_PER_DECADE));
    }

    /**
     * Adds these records (just inserted, in {@code c}'s transaction) to the rollup. The figures are
     * summed from the records in memory with the same column values {@link LedgerRows#bind} writes
     * and the same expressions {@link #backfill} and the row queries use (HourlyRollupTest holds the
     * two to each other), then upserted one row per group in key order: no inserted row is read back.
     */
    static void add(Connection c, List<LedgerRecord> records) throws SQLException {
        Map<List<Object>, double[]> sums = new HashMap<>();
        Map<List<Object>, double[]> spend = new HashMap<>();
        Map<List<Object>, Long> hist = new HashMap<>();
        for (LedgerRecord r : records) {
            long hour = (r.epochMillis() / HOUR) * HOUR;
            String model = orEmpty(r.servedModel());
            String route = orEmpty(LedgerRows.route(r));
            double baseline = Double.isNaN(r.baselineCostUsd()) ? 0 : r.baselineCostUsd();
            double savings = Double.isNaN(r.baselineCostUsd()) ? 0 : r.baselineCostUsd() - r.costUsd();
            double[] s = sums.computeIfAbsent(List.of(hour, model, route), k -> new double[SUM_COLUMNS]);
            s[0] += 1;
            s[1] += r.status() >= 400 ? 1 : 0;
            s[2] += LedgerRows.fallback(r);
            s[3] += LedgerRows.escalated(r);
            s[4] += r.costUsd();
            s[5] += baseline;
            s[6] += savings;
            s[7] += r.usage().inputTokens();
            s[8] += r.usage().outputTokens();
            double[] sp = spend.computeIfAbsent(List.of(hour, orEmpty(r.keyId()), orEmpty(LedgerRows.team(r))), k -> new double[2]);
            sp[0] += 1;
            sp[1] += r.costUsd();
            hist.merge(List.of(hour, model, route, LATENCY, bucket(r.latencyMillis())), 1L, Long::sum);
            if (r.stream() && r.ttftMillis() >= 0) hist.merge(List.of(hour, model, route, TTFT, bucket(r.ttftMillis())), 1L, Long::sum);
        }
        try (PreparedStatement ps = c.prepareStatement(ADD_SUMS)) {
            for (Map.Entry<List<Object>, double[]> e : sorted(sums)) {
                List<Object> k = e.getKey();
                double[] s = e.getValue();
                ps.setLong(1, (Long) k.get(0));
                ps.setString(2, (String) k.get(1));
                ps.setString(3, (String) k.get(2));
                for (int i = 0; i < 4; i++) ps.setLong(4 + i, (long) s[i]);
                for (int i = 4; i < 7; i++) ps.setDouble(4 + i, s[i]);
                ps.setLong(11, (long) s[7]);
                ps.setLong(12, (long) s[8]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(ADD_SPEND)) {
            for (Map.Entry<List<Object>, double[]> e : sorted(spend)) {
                List<Object> k = e.getKey();
                ps.setLong(1, (Long) k.get(0));
                ps.setString(2, (String) k.get(1));
                ps.setString(3, (String) k.get(2));
                ps.setLong(4, (long) e.getValue()[0]);
                ps.setDouble(5, e.getValue()[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        addLatency(c, hist);
    }

    private static final int SUM_COLUMNS = 9;

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static <V> List<Map.Entry<List<Object>, V>> sorted(Map<List<Object>, V> m) {
        List<Map.Entry<List<Object>, V>> entries = new ArrayList<>(m.entrySet());
        entries.sort(Map.Entry.comparingByKey(HourlyRollup::compareKeys));
        return entries;
    }

    /** Fills the rollup from every row of {@code requests} (the migration that creates it, and the 10-million-row seed). */
    public static void backfill(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM requests_hourly");
            s.executeUpdate("DELETE FROM requests_hourly_spend");
            s.executeUpdate("DELETE FROM requests_hourly_latency");
            s.executeUpdate(SUMS.formatted("1 = 1"));
            s.executeUpdate(SPEND.formatted("1 = 1"));
        }
        Map<List<Object>, Long> hist = new HashMap<>();
        for (int kind : new int[] {LATENCY, TTFT}) {
            try (PreparedStatement ps = c.prepareStatement(values(kind, "1 = 1"))) {
                count(ps, kind, hist);
            }
        }
        addLatency(c, hist);
    }

    private static String values(int kind, String where) {
        String v = kind == LATENCY ? "latency_ms" : "ttft_ms";
        return VALUES.formatted(v, kind == LATENCY ? where : where + " AND stream = 1 AND ttft_ms >= 0", v);
    }

    private static void count(PreparedStatement ps, int kind, Map<List<Object>, Long> hist) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                hist.merge(List.of(rs.getLong(1), rs.getString(2), rs.getString(3), kind, bucket(rs.getLong(4))), rs.getLong(5), Long::sum);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return 0;
    }

    private static void addLatency(Connection c, Map<List<Object>, Long> hist) throws SQLException {
        if (hist.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(ADD_LATENCY)) {
            int pending = 0;
            // in key order, as the sums above: replicas sharing a PostgreSQL ledger lock the same rows in the same order
            for (Map.Entry<List<Object>, Long> e : sorted(hist)) {
                List<Object> k = e.getKey();
                ps.setLong(1, (Long) k.get(0));
                ps.setString(2, (String) k.get(1));
                ps.setString(3, (String) k.get(2));
                ps.setInt(4, (Integer) k.get(3));
                ps.setLong(5, (Long) k.get(4));
                ps.setLong(6, e.getValue());
                ps.addBatch();
                if (++pending == 5_000) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) ps.executeBatch();
        }
    }
}
