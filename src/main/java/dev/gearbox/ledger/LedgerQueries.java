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
     * Figures per group for several groupings at once, from one pass over the window (grouped by all of
     * them together, then added up per grouping) plus, with {@code percentiles}, one pass counting
     * latencies per group and value. Rows are ordered by spend, highest first.
     */
    public Map<By, List<Row>> summaries(long sinceEpochMillis, List<By> bys, boolean percentiles) throws SQLException {
        StringBuilder groups = new StringBuilder();
        for (int i = 0; i < bys.size(); i++) groups.append(bys.get(i).sql).append(" AS g").append(i).append(", ");
        String cols = groups.substring(0, groups.length() - 2);
        String keys = String.join(", ", java.util.stream.IntStream.range(0, bys.size()).mapToObj(i -> "g" + i).toList());
        String totals = "SELECT " + cols + ", COUNT(*), SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END), SUM(cost_usd), "
                + "SUM(CASE WHEN baseline_cost_usd IS NULL THEN 0 ELSE baseline_cost_usd END), "
                + "SUM(CASE WHEN baseline_cost_usd IS NULL THEN 0 ELSE baseline_cost_usd - cost_usd END), "
                + "SUM(fallback), SUM(escalated), SUM(input_tokens), SUM(output_tokens) FROM requests WHERE ts >= ? GROUP BY " + keys;
        String latencies = "SELECT " + cols + ", latency_ms, COUNT(*) FROM requests WHERE ts >= ? GROUP BY " + keys + ", latency_ms";
        List<Map<String, double[]>> sums = new ArrayList<>();
        List<Map<String, java.util.TreeMap<Long, Long>>> hist = new ArrayList<>();
        for (int i = 0; i < bys.size(); i++) {
            sums.add(new LinkedHashMap<>());
            hist.add(new LinkedHashMap<>());
        }
        int k = bys.size();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(totals)) {
                ps.setLong(1, sinceEpochMillis);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (int i = 0; i < k; i++) {
                            double[] acc = sums.get(i).computeIfAbsent(rs.getString(i + 1), g -> new double[9]);
                            for (int j = 0; j < 9; j++) acc[j] += rs.getDouble(k + 1 + j);
                        }
                    }
                }
            }
            if (percentiles) {
                try (PreparedStatement ps = c.prepareStatement(latencies)) {
                    ps.setLong(1, sinceEpochMillis);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long value = rs.getLong(k + 1);
                            long n = rs.getLong(k + 2);
                            for (int i = 0; i < k; i++) {
                                hist.get(i).computeIfAbsent(rs.getString(i + 1), g -> new java.util.TreeMap<>()).merge(value, n, Long::sum);
                            }
                        }
                    }
                }
            }
        }
        Map<By, List<Row>> out = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            List<Row> rows = new ArrayList<>();
            for (Map.Entry<String, double[]> e : sums.get(i).entrySet()) {
                double[] a = e.getValue();
                long n = (long) a[0];
                var h = hist.get(i).get(e.getKey());
                rows.add(new Row(e.getKey(), n, (long) a[1], a[2], a[3], a[4], h == null ? 0 : Percentiles.at(h, 0.5),
                        h == null ? 0 : Percentiles.at(h, 0.95), n == 0 ? 0 : a[5] / n, n == 0 ? 0 : a[6] / n, (long) a[7], (long) a[8]));
            }
            rows.sort((x, y) -> Double.compare(y.costUsd(), x.costUsd()));
            out.put(bys.get(i), rows);
        }
        return out;
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
