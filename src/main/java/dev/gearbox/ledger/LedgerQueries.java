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
        String totals = "SELECT " + by.sql + " AS g, COUNT(*) AS n, SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END) AS errors, "
                + "SUM(cost_usd) AS cost, SUM(CASE WHEN baseline_cost_usd IS NULL THEN 0 ELSE baseline_cost_usd END) AS base, "
                + "SUM(CASE WHEN baseline_cost_usd IS NULL THEN 0 ELSE baseline_cost_usd - cost_usd END) AS saved, "
                + "AVG(fallback) AS fb, AVG(escalated) AS esc, SUM(input_tokens) AS tin, SUM(output_tokens) AS tout "
                + "FROM requests WHERE ts >= ? GROUP BY g ORDER BY SUM(cost_usd) DESC";
        String pct = "SELECT g, MIN(CASE WHEN rn >= 0.5 * n THEN latency_ms END) AS p50, "
                + "MIN(CASE WHEN rn >= 0.95 * n THEN latency_ms END) AS p95 FROM ("
                + "SELECT g, latency_ms, ROW_NUMBER() OVER (PARTITION BY g ORDER BY latency_ms) AS rn, "
                + "COUNT(*) OVER (PARTITION BY g) AS n FROM (SELECT " + by.sql + " AS g, latency_ms FROM requests WHERE ts >= ?) t"
                + ") r GROUP BY g";
        Map<String, long[]> percentiles = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(pct)) {
                ps.setLong(1, sinceEpochMillis);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) percentiles.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
            try (PreparedStatement ps = c.prepareStatement(totals)) {
                ps.setLong(1, sinceEpochMillis);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String g = rs.getString("g");
                        long[] p = percentiles.getOrDefault(g, new long[2]);
                        rows.add(new Row(g, rs.getLong("n"), rs.getLong("errors"), rs.getDouble("cost"), rs.getDouble("base"),
                                rs.getDouble("saved"), p[0], p[1], rs.getDouble("fb"), rs.getDouble("esc"), rs.getLong("tin"),
                                rs.getLong("tout")));
                    }
                }
            }
        }
        return rows;
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
