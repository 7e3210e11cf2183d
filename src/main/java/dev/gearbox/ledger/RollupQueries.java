package dev.gearbox.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The row queries' counterparts over the hourly rollup ({@link HourlyRollup}), for a window's whole
 * hours: each returns its figures in the columns the matching row query does, so the two results add
 * up. Group labels are the row queries' ({@code (none)} for a missing model or route).
 */
final class RollupQueries {
    private RollupQueries() {}

    /** Whether the rollup holds this grouping (it keeps served model and route, not the feature tag). */
    static boolean groups(LedgerQueries.By by) {
        return by == LedgerQueries.By.MODEL || by == LedgerQueries.By.ROUTE || by == LedgerQueries.By.ALL;
    }

    /** The rollup's expression for a grouping. */
    static String column(LedgerQueries.By by) {
        return switch (by) {
            case MODEL -> "CASE WHEN served_model = '' THEN '(none)' ELSE served_model END";
            case ROUTE -> "CASE WHEN route = '' THEN '(none)' ELSE route END";
            case ALL -> "'all'";
            default -> throw new IllegalArgumentException("the hourly rollup is not kept by " + by);
        };
    }

    private static String groupColumns(List<LedgerQueries.By> bys, StringBuilder keys) {
        StringBuilder cols = new StringBuilder();
        for (int i = 0; i < bys.size(); i++) {
            cols.append(column(bys.get(i))).append(" AS g").append(i).append(", ");
            keys.append(i == 0 ? "" : ", ").append("g").append(i);
        }
        return cols.toString();
    }

    /** Groups..., 0, requests, errors, cost, baseline cost, savings, fallbacks, escalations, input and output tokens: as the summary's row query. */
    static PreparedStatement sums(Connection c, Split w, List<LedgerQueries.By> bys) throws SQLException {
        StringBuilder keys = new StringBuilder();
        String sql = "SELECT " + groupColumns(bys, keys) + "0, SUM(requests), SUM(errors), SUM(cost_usd), SUM(baseline_cost_usd), "
                + "SUM(savings_usd), SUM(fallbacks), SUM(escalations), SUM(input_tokens), SUM(output_tokens) FROM requests_hourly "
                + "WHERE hour >= ? AND hour < ? GROUP BY " + keys;
        return hours(c, sql, w);
    }

    /** Groups..., value (the bucket's middle), count: one kind of latency histogram over the window's whole hours. */
    static PreparedStatement histogram(Connection c, Split w, List<LedgerQueries.By> bys, int kind) throws SQLException {
        StringBuilder keys = new StringBuilder();
        String sql = "SELECT " + groupColumns(bys, keys) + "value_ms, SUM(n) FROM requests_hourly_latency "
                + "WHERE hour >= ? AND hour < ? AND kind = " + kind + " GROUP BY " + keys + ", value_ms";
        return hours(c, sql, w);
    }

    /** Adds a {@link #histogram} result to each grouping's histograms. */
    static void addHistogram(PreparedStatement ps, int k, List<Map<String, TreeMap<Long, Long>>> hist) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long value = rs.getLong(k + 1);
                long n = rs.getLong(k + 2);
                for (int i = 0; i < k; i++) hist.get(i).computeIfAbsent(rs.getString(i + 1), g -> new TreeMap<>()).merge(value, n, Long::sum);
            }
        }
    }

    /** Bucket start, model, requests, errors, fallbacks, escalations, cost, baseline cost, savings, tokens: as the overview's series. */
    static PreparedStatement series(Connection c, Split w, long bucketMillis) throws SQLException {
        String sql = "SELECT (hour / " + bucketMillis + ") * " + bucketMillis + " AS b, " + column(LedgerQueries.By.MODEL) + " AS m, "
                + "SUM(requests), SUM(errors), SUM(fallbacks), SUM(escalations), SUM(cost_usd), SUM(baseline_cost_usd), SUM(savings_usd), "
                + "SUM(input_tokens), SUM(output_tokens) FROM requests_hourly WHERE hour >= ? AND hour < ? GROUP BY b, m";
        return hours(c, sql, w);
    }

    /** Key, team, spend since {@code dayStart} (an hour boundary), spend: as the keys page's row query. */
    static PreparedStatement spend(Connection c, Split w, long dayStart) throws SQLException {
        String sql = "SELECT key_id, team, SUM(CASE WHEN hour >= " + dayStart + " THEN cost_usd ELSE 0 END), SUM(cost_usd) "
                + "FROM requests_hourly_spend WHERE hour >= ? AND hour < ? GROUP BY key_id, team";
        return hours(c, sql, w);
    }

    private static PreparedStatement hours(Connection c, String sql, Split w) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setLong(1, w.hoursFrom());
        ps.setLong(2, w.hoursTo());
        return ps;
    }
}
