package dev.gearbox.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The observation window in numbers, computed in the database (portable SQL): where observed
 * requests would have gone and what that would have cost (from their real token counts), with a
 * 95% confidence interval on the projected savings; measured quality per route from shadow tests;
 * each shadow policy's divergence and projected cost; and feedback.
 */
public final class ObserveQueries {
    /** Requests observed and where the policy would have sent them. */
    public record WouldRoute(String model, long requests, double costUsd, double projectedCostUsd) {}

    /** Projected savings (actual minus projected cost) over the observed requests, with a 95% interval. */
    public record Savings(long requests, double costUsd, double projectedCostUsd, double savingsUsd, double low, double high) {
        public double savingsPercent() {
            return costUsd <= 0 ? 0 : 100 * savingsUsd / costUsd;
        }
    }

    /** Shadow-test quality of one route by one evaluator: the mean score (0..1) and its 95% interval. */
    public record Quality(String route, String evaluator, long tests, double mean, double low, double high, double otherCostUsd) {}

    /** A shadow policy's disagreement with what served, and what it would have cost. */
    public record Shadow(String policy, long requests, double divergence, double projectedCostUsd, double actualCostUsd) {}

    /** Feedback by source. */
    public record FeedbackSummary(String source, long count, double meanScore) {}

    private final DataSource ds;

    public ObserveQueries(DataSource ds) {
        this.ds = ds;
    }

    /** The observed requests of a window: where they would have gone, and what that would have saved. */
    public record Window(List<WouldRoute> wouldRoute, Savings savings) {}

    /**
     * Would-route mix and projected savings in one pass over the window's observed requests (the
     * {@code requests_mode_ts} index alone): grouped by would-be model, then summed here, with the
     * squared per-request savings for the interval.
     */
    public Window window(long sinceMillis) throws SQLException {
        List<WouldRoute> would = new ArrayList<>();
        double[] t = new double[4]; // requests with a projection, their cost, their projected cost, squared savings
        query("SELECT COALESCE(would_model, '(none)'), COUNT(*), COALESCE(SUM(cost_usd), 0), COALESCE(SUM(projected_cost_usd), 0), "
                + "COUNT(projected_cost_usd), COALESCE(SUM(CASE WHEN projected_cost_usd IS NOT NULL THEN cost_usd END), 0), "
                + "COALESCE(SUM((cost_usd - projected_cost_usd) * (cost_usd - projected_cost_usd)), 0) "
                + "FROM requests WHERE mode = 'observe' AND ts >= ? GROUP BY COALESCE(would_model, '(none)') ORDER BY 2 DESC", sinceMillis,
                rs -> {
                    would.add(new WouldRoute(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4)));
                    t[0] += rs.getLong(5);
                    t[1] += rs.getDouble(6);
                    t[2] += rs.getDouble(4);
                    t[3] += rs.getDouble(7);
                });
        long n = (long) t[0];
        double saved = t[1] - t[2];
        double half = 0;
        if (n > 1) {
            double mean = saved / n;
            double var = Math.max(0, (t[3] - n * mean * mean) / (n - 1));
            half = 1.96 * Math.sqrt(var) * Math.sqrt(n); // the total's standard error is sqrt(n) x sd
        }
        return new Window(List.copyOf(would), new Savings(n, t[1], t[2], saved, saved - half, saved + half));
    }

    public List<WouldRoute> wouldRoute(long sinceMillis) throws SQLException {
        return window(sinceMillis).wouldRoute();
    }

    public Savings savings(long sinceMillis) throws SQLException {
        return window(sinceMillis).savings();
    }

    public List<Quality> quality(long sinceMillis) throws SQLException {
        List<Quality> out = new ArrayList<>();
        query("SELECT COALESCE(route, '(none)'), evaluator, COUNT(*), AVG(score), COALESCE(SUM(score * score), 0), "
                + "COALESCE(SUM(other_cost_usd), 0) FROM shadow_tests WHERE ts >= ? GROUP BY COALESCE(route, '(none)'), evaluator "
                + "ORDER BY 1, 2", sinceMillis, rs -> {
            long n = rs.getLong(3);
            double mean = rs.getDouble(4);
            double var = n > 1 ? Math.max(0, (rs.getDouble(5) - n * mean * mean) / (n - 1)) : 0;
            double half = n > 1 ? 1.96 * Math.sqrt(var / n) : 0;
            out.add(new Quality(rs.getString(1), rs.getString(2), n, mean, Math.max(0, mean - half), Math.min(1, mean + half),
                    rs.getDouble(6)));
        });
        return out;
    }

    public List<Shadow> shadows(long sinceMillis) throws SQLException {
        List<Shadow> out = new ArrayList<>();
        query("SELECT policy, COUNT(*), AVG(diverges * 1.0), COALESCE(SUM(projected_cost_usd), 0), COALESCE(SUM(actual_cost_usd), 0) "
                + "FROM shadow_decisions WHERE ts >= ? GROUP BY policy ORDER BY policy", sinceMillis,
                rs -> out.add(new Shadow(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5))));
        return out;
    }

    public List<FeedbackSummary> feedback(long sinceMillis) throws SQLException {
        List<FeedbackSummary> out = new ArrayList<>();
        query("SELECT source, COUNT(*), AVG(score) FROM feedback WHERE ts >= ? GROUP BY source ORDER BY source", sinceMillis,
                rs -> out.add(new FeedbackSummary(rs.getString(1), rs.getLong(2), rs.getDouble(3))));
        return out;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, long since, RowReader reader) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) reader.read(rs);
            }
        }
    }
}
