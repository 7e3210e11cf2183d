package dev.gearbox.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Aggregations over the ledger, computed in the database (the same SQL on SQLite and PostgreSQL):
 * what {@code gearbox report} prints and the admin endpoints serve.
 */
public final class LedgerQueries {
    /** What a report groups by, and the column or expression behind it. */
    public enum By {
        MODEL("COALESCE(served_model, '(none)')"), ROUTE("COALESCE(route, '(none)')"), KEY("COALESCE(key_id, '(none)')"),
        FEATURE("COALESCE(tag, '(none)')"), ALL("'all'");

        final String sql;

        By(String sql) {
            this.sql = sql;
        }
    }

    /** One group's figures; {@code savingsUsd} is baseline cost minus cost over requests with a baseline. */
    public record Row(String group, long requests, long errors, double costUsd, double baselineCostUsd, double savingsUsd,
                      long p50Ms, long p95Ms, double fallbackRate, double escalationRate, long inputTokens, long outputTokens) {
        public double savingsPercent() {
            return baselineCostUsd <= 0 ? 0 : 100.0 * savingsUsd / baselineCostUsd;
        }
    }

    private final DataSource ds;

    public LedgerQueries(DataSource ds) {
        this.ds = ds;
    }

    public List<Row> summary(long sinceEpochMillis, By by) throws SQLException {
        return summary(sinceEpochMillis, by, true);
    }

    /** As {@link #summary(long, By)}; without {@code percentiles} p50 and p95 are 0 and the latency pass is skipped. */
    public List<Row> summary(long sinceEpochMillis, By by, boolean percentiles) throws SQLException {
        return summaries(sinceEpochMillis, List.of(by), percentiles).get(by);
    }

    /**
     * Figures per group for several groupings at once, in one pass over the window: grouped by all of
     * them together (and, with {@code percentiles}, by latency too, which is a histogram of each
     * group's latencies), then added up per grouping. Rows are ordered by spend, highest first. By
     * model, route or all, the window's whole hours come from the hourly rollup ({@link Split}), whose
     * latency histograms count in rounded buckets: percentiles over them are within about 6%.
     */
    public Map<By, List<Row>> summaries(long sinceEpochMillis, List<By> bys, boolean percentiles) throws SQLException {
        boolean rolledUp = bys.stream().allMatch(RollupQueries::groups);
        return summaries(rolledUp ? Split.since(sinceEpochMillis) : Split.rowsOnly(sinceEpochMillis, Long.MAX_VALUE), bys, percentiles);
    }

    /** As {@link #summaries(long, List, boolean)} over a split window (the rows for its edges, the rollup for its whole hours). */
    Map<By, List<Row>> summaries(Split window, List<By> bys, boolean percentiles) throws SQLException {
        StringBuilder cols = new StringBuilder();
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < bys.size(); i++) {
            cols.append(bys.get(i).sql).append(" AS g").append(i).append(", ");
            keys.append(i == 0 ? "" : ", ").append("g").append(i);
        }
        String sql = "SELECT " + cols + (percentiles ? "latency_ms" : "0") + ", COUNT(*), SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END), "
                + "SUM(cost_usd), SUM(CASE WHEN baseline_cost_usd IS NULL THEN 0 ELSE baseline_cost_usd END), "
                + "SUM(CASE WHEN baseline_cost_usd IS NULL THEN 0 ELSE baseline_cost_usd - cost_usd END), "
                + "SUM(fallback), SUM(escalated), SUM(input_tokens), SUM(output_tokens) FROM requests WHERE ts >= ? AND ts < ? GROUP BY " + keys
                + (percentiles ? ", latency_ms" : "");
        int k = bys.size();
        List<Map<String, double[]>> sums = new ArrayList<>();
        List<Map<String, java.util.TreeMap<Long, Long>>> hist = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            sums.add(new LinkedHashMap<>());
            hist.add(new LinkedHashMap<>());
        }
        try (Connection c = ds.getConnection()) {
            for (long[] range : window.rowRanges()) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, range[0]);
                    ps.setLong(2, range[1]);
                    add(ps, k, percentiles, sums, hist);
                }
            }
            if (window.hasHours()) {
                try (PreparedStatement ps = RollupQueries.sums(c, window, bys)) {
                    add(ps, k, false, sums, hist);
                }
                if (percentiles) {
                    try (PreparedStatement ps = RollupQueries.histogram(c, window, bys, HourlyRollup.LATENCY)) {
                        RollupQueries.addHistogram(ps, k, hist);
                    }
                }
            }
        }
        Map<By, List<Row>> out = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            List<Row> rows = new ArrayList<>();
            for (Map.Entry<String, double[]> e : sums.get(i).entrySet()) {
                double[] a = e.getValue();
                long n = Math.round(a[0]);
                var h = hist.get(i).get(e.getKey());
                rows.add(new Row(e.getKey(), n, Math.round(a[1]), a[2], a[3], a[4], h == null ? 0 : Percentiles.at(h, 0.5),
                        h == null ? 0 : Percentiles.at(h, 0.95), n == 0 ? 0 : a[5] / n, n == 0 ? 0 : a[6] / n, Math.round(a[7]),
                        Math.round(a[8])));
            }
            rows.sort((x, y) -> Double.compare(y.costUsd(), x.costUsd()));
            out.put(bys.get(i), rows);
        }
        return out;
    }

    /** Adds a result of (groups..., latency, count, 9 sums) to each grouping's sums, and the latencies to its histograms. */
    private static void add(PreparedStatement ps, int k, boolean percentiles, List<Map<String, double[]>> sums,
                            List<Map<String, java.util.TreeMap<Long, Long>>> hist) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long latency = rs.getLong(k + 1);
                long n = rs.getLong(k + 2);
                for (int i = 0; i < k; i++) {
                    String g = rs.getString(i + 1);
                    double[] acc = sums.get(i).computeIfAbsent(g, x -> new double[9]);
                    for (int j = 0; j < 9; j++) acc[j] += rs.getDouble(k + 2 + j);
                    if (percentiles) hist.get(i).computeIfAbsent(g, x -> new java.util.TreeMap<>()).merge(latency, n, Long::sum);
                }
            }
        }
    }

    /** Ledger rows in total (all time). */
    public long count() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM requests");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One request's stored story (the detail JSON), or null when unknown. */
    public String detail(String requestId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT detail FROM requests WHERE request_id = ?")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
