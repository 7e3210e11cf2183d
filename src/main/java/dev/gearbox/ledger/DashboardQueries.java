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
 * The dashboard's queries over the ledger, beside {@link LedgerQueries} (totals per group) and
 * {@link ObserveQueries}: spend and traffic over time, time to first token per group, the
 * decision search and one request's row. Every figure is aggregated in the store (SQLite or
 * PostgreSQL) over an indexed time range; nothing loads raw rows but the search's page.
 */
public final class DashboardQueries {
    /** One time bucket of one served model. */
    public record Bucket(long startMillis, String model, long requests, long errors, long fallbacks, long escalations,
                         double costUsd, double baselineCostUsd, double savingsUsd, long inputTokens, long outputTokens) {}

    /** A search over decisions: every field optional (null); {@code text} is a request id, or else words of the reason. */
    public record Filter(Long fromMillis, Long toMillis, String keyId, String model, String route, String text, Integer minStatus) {}

    /** One decision in the search results. */
    public record Decision(String requestId, long ts, String keyId, String tag, String route, String requestedModel,
                           String servedModel, int status, double costUsd, double savingsUsd, long latencyMs, int attempts,
                           boolean fallback, boolean escalated, String reason, String mode) {}

    private final DataSource ds;

    public DashboardQueries(DataSource ds) {
        this.ds = ds;
    }

    /**
     * Requests, errors, fallbacks, cost and savings per {@code bucketMillis} and served model since {@code since}: one pass.
     * With buckets of whole hours, the window's whole hours come from the hourly rollup ({@link Split}).
     */
    public List<Bucket> series(long since, long bucketMillis) throws SQLException {
        boolean hourly = bucketMillis % HourlyRollup.HOUR == 0;
        return series(hourly ? Split.since(since) : Split.rowsOnly(since, Long.MAX_VALUE), bucketMillis);
    }

    /** As {@link #series(long, long)} over a split window; {@code bucketMillis} is a whole number of hours when it has hours. */
    List<Bucket> series(Split window, long bucketMillis) throws SQLException {
        String sql = "SELECT (ts / ?) * ? AS b, COALESCE(served_model, '(none)') AS m, COUNT(*), "
                + "SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END), SUM(fallback), SUM(escalated), SUM(cost_usd), "
                + "SUM(CASE WHEN baseline_cost_usd IS NULL THEN 0 ELSE baseline_cost_usd END), "
                + "SUM(CASE WHEN baseline_cost_usd IS NULL THEN 0 ELSE baseline_cost_usd - cost_usd END), SUM(input_tokens), SUM(output_tokens) "
                + "FROM requests WHERE ts >= ? AND ts < ? GROUP BY b, m ORDER BY b, m";
        java.util.TreeMap<Long, java.util.TreeMap<String, double[]>> buckets = new java.util.TreeMap<>();
        try (Connection c = ds.getConnection()) {
            for (long[] range : window.rowRanges()) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, bucketMillis);
                    ps.setLong(2, bucketMillis);
                    ps.setLong(3, range[0]);
                    ps.setLong(4, range[1]);
                    addSeries(ps, buckets);
                }
            }
            if (window.hasHours()) {
                try (PreparedStatement ps = RollupQueries.series(c, window, bucketMillis)) {
                    addSeries(ps, buckets);
                }
            }
        }
        List<Bucket> out = new ArrayList<>();
        buckets.forEach((b, models) -> models.forEach((m, a) -> out.add(new Bucket(b, m, Math.round(a[0]), Math.round(a[1]),
                Math.round(a[2]), Math.round(a[3]), a[4], a[5], a[6], Math.round(a[7]), Math.round(a[8])))));
        return out;
    }

    private static void addSeries(PreparedStatement ps, java.util.TreeMap<Long, java.util.TreeMap<String, double[]>> buckets) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                double[] a = buckets.computeIfAbsent(rs.getLong(1), x -> new java.util.TreeMap<>()).computeIfAbsent(rs.getString(2), x -> new double[9]);
                for (int j = 0; j < 9; j++) a[j] += rs.getDouble(3 + j);
            }
        }
    }

    /** The first request's time at or after {@code since}, or null when there is none (an index seek). */
    public Long firstTs(long since) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT MIN(ts) FROM requests WHERE ts >= ?")) {
            ps.setLong(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        }
    }

    /** Time to first token per group: median and 95th percentile (ms), over streamed requests that produced one. */
    public record Ttft(long p50Ms, long p95Ms) {}

    /** Time to first token per group, for each grouping, over streamed requests that produced one: one pass counting values. */
    public Map<LedgerQueries.By, Map<String, Ttft>> ttft(long since, List<LedgerQueries.By> bys) throws SQLException {
        boolean rolledUp = bys.stream().allMatch(RollupQueries::groups);
        return ttft(rolledUp ? Split.since(since) : Split.rowsOnly(since, Long.MAX_VALUE), bys);
    }

    /** As {@link #ttft(long, List)} over a split window: the whole hours' histograms are the rollup's rounded buckets. */
    Map<LedgerQueries.By, Map<String, Ttft>> ttft(Split window, List<LedgerQueries.By> bys) throws SQLException {
        StringBuilder cols = new StringBuilder();
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < bys.size(); i++) {
            cols.append(bys.get(i).sql).append(" AS g").append(i).append(", ");
            keys.append("g").append(i).append(", ");
        }
        String sql = "SELECT " + cols + "ttft_ms, COUNT(*) FROM requests WHERE ts >= ? AND ts < ? AND stream = 1 AND ttft_ms >= 0 GROUP BY " + keys + "ttft_ms";
        List<Map<String, java.util.TreeMap<Long, Long>>> hist = new ArrayList<>();
        for (int i = 0; i < bys.size(); i++) hist.add(new LinkedHashMap<>());
        int k = bys.size();
        try (Connection c = ds.getConnection()) {
            for (long[] range : window.rowRanges()) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, range[0]);
                    ps.setLong(2, range[1]);
                    RollupQueries.addHistogram(ps, k, hist);
                }
            }
            if (window.hasHours()) {
                try (PreparedStatement ps = RollupQueries.histogram(c, window, bys, HourlyRollup.TTFT)) {
                    RollupQueries.addHistogram(ps, k, hist);
                }
            }
        }
        Map<LedgerQueries.By, Map<String, Ttft>> out = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            Map<String, Ttft> m = new LinkedHashMap<>();
            hist.get(i).forEach((g, h) -> m.put(g, new Ttft(Percentiles.at(h, 0.5), Percentiles.at(h, 0.95))));
            out.put(bys.get(i), m);
        }
        return out;
    }

    /** Mean shadow-test score (0..1) per served model, over every evaluator: the quality column of the models table. */
    public Map<String, Double> qualityByModel(long since) throws SQLException {
        Map<String, Double> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT served_model, AVG(score) FROM shadow_tests WHERE ts >= ? GROUP BY served_model")) {
            ps.setLong(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getDouble(2));
            }
        }
        return out;
    }

    /** Decisions matching {@code f}, newest first, at most {@code limit}. */
    public List<Decision> search(Filter f, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT request_id, ts, key_id, tag, route, requested_model, served_model, status, "
                + "cost_usd, CASE WHEN baseline_cost_usd IS NULL THEN 0 ELSE baseline_cost_usd - cost_usd END, latency_ms, attempts, "
                + "fallback, escalated, reason, mode FROM requests WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.fromMillis() != null) {
            sql.append(" AND ts >= ?");
            args.add(f.fromMillis());
        }
        if (f.toMillis() != null) {
            sql.append(" AND ts <= ?");
            args.add(f.toMillis());
        }
        if (f.keyId() != null) {
            sql.append(" AND key_id = ?");
            args.add(f.keyId());
        }
        if (f.model() != null) {
            sql.append(" AND served_model = ?");
            args.add(f.model());
        }
        if (f.route() != null) {
            sql.append(" AND route = ?");
            args.add(f.route());
        }
        if (f.minStatus() != null) {
            sql.append(" AND status >= ?");
            args.add(f.minStatus());
        }
        if (f.text() != null && request(f.text()) != null) {
            // a request id: one primary-key lookup (an OR with the LIKE would scan the whole window instead)
            sql.append(" AND request_id = ?");
            args.add(f.text());
        } else if (f.text() != null) {
            sql.append(" AND reason LIKE ?");
            args.add("%" + f.text().replace("%", "") + "%");
        }
        sql.append(" ORDER BY ts DESC LIMIT ?");
        args.add(Math.max(1, Math.min(1000, limit)));
        List<Decision> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(decision(rs));
            }
        }
        return out;
    }

    /** One request's row and its stored story (the detail JSON), or null when unknown. */
    public Map.Entry<Decision, String> request(String requestId) throws SQLException {
        String sql = "SELECT request_id, ts, key_id, tag, route, requested_model, served_model, status, cost_usd, "
                + "CASE WHEN baseline_cost_usd IS NULL THEN 0 ELSE baseline_cost_usd - cost_usd END, latency_ms, attempts, fallback, "
                + "escalated, reason, mode, detail FROM requests WHERE request_id = ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Map.entry(decision(rs), rs.getString(17)) : null;
            }
        }
    }

    /** Spend per virtual key and per team, this month and today: {@code [key or team] -> {today, month}}. */
    public record Spend(Map<String, double[]> byKey, Map<String, double[]> byTeam) {}

    /** Spend since {@code monthStart} and since {@code dayStart}, per key and per team, in one pass over the month. */
    public Spend spend(long monthStart, long dayStart) throws SQLException {
        return spend(Split.since(monthStart), dayStart);
    }

    /** As {@link #spend(long, long)} over a split window starting at the month's start; {@code dayStart} is an hour boundary. */
    Spend spend(Split window, long dayStart) throws SQLException {
        Map<String, double[]> keys = new LinkedHashMap<>();
        Map<String, double[]> teams = new LinkedHashMap<>();
        // grouped by expressions, not the bare columns: with GROUP BY key_id SQLite walks the (key_id, ts) index and reads
        // each row from the table; this way it reads the window from the covering ts index alone
        String sql = "SELECT COALESCE(key_id, ''), COALESCE(team, ''), SUM(CASE WHEN ts >= ? THEN cost_usd ELSE 0 END), SUM(cost_usd) "
                + "FROM requests WHERE ts >= ? AND ts < ? GROUP BY COALESCE(key_id, ''), COALESCE(team, '')";
        try (Connection c = ds.getConnection()) {
            for (long[] range : window.rowRanges()) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, dayStart);
                    ps.setLong(2, range[0]);
                    ps.setLong(3, range[1]);
                    addSpend(ps, keys, teams);
                }
            }
            if (window.hasHours()) {
                try (PreparedStatement ps = RollupQueries.spend(c, window, dayStart)) {
                    addSpend(ps, keys, teams);
                }
            }
        }
        return new Spend(keys, teams);
    }

    private static void addSpend(PreparedStatement ps, Map<String, double[]> keys, Map<String, double[]> teams) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                for (int i = 1; i <= 2; i++) {
                    String g = rs.getString(i);
                    if (g == null || g.isEmpty()) continue;
                    double[] acc = (i == 1 ? keys : teams).computeIfAbsent(g, x -> new double[2]);
                    acc[0] += rs.getDouble(3);
                    acc[1] += rs.getDouble(4);
                }
            }
        }
    }

    private static Decision decision(ResultSet rs) throws SQLException {
        return new Decision(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getInt(8), rs.getDouble(9), rs.getDouble(10), rs.getLong(11), rs.getInt(12),
                rs.getInt(13) != 0, rs.getInt(14) != 0, rs.getString(15), rs.getString(16));
    }
}
