package dev.gearbox.observe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shadow tests and feedback in the ledger's database, written by one background thread. */
public final class JdbcObservationLog implements ObservationLog {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcObservationLog.class);
    private final DataSource ds;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("gearbox-observations").daemon(true).unstarted(r));

    public JdbcObservationLog(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public void shadowTest(ShadowTest t) {
        write("INSERT INTO shadow_tests (request_id, ts, route, task, served_model, other_model, evaluator, score, other_cost_usd) "
                + "VALUES (?,?,?,?,?,?,?,?,?)", ps -> {
            ps.setString(1, t.requestId());
            ps.setLong(2, t.epochMillis());
            ps.setString(3, t.route());
            ps.setString(4, t.task());
            ps.setString(5, t.servedModel());
            ps.setString(6, t.otherModel());
            ps.setString(7, t.evaluator());
            ps.setDouble(8, t.score());
            ps.setDouble(9, t.otherCostUsd());
        });
    }

    @Override
    public void feedback(Feedback f) {
        write("INSERT INTO feedback (request_id, ts, score, source, comment) VALUES (?,?,?,?,?)", ps -> {
            ps.setString(1, f.requestId());
            ps.setLong(2, f.epochMillis());
            ps.setDouble(3, f.score());
            ps.setString(4, f.source());
            ps.setString(5, f.comment() == null ? null : f.comment().substring(0, Math.min(2000, f.comment().length())));
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void write(String sql, Binder binder) {
        if (writer.isShutdown()) {
            LOG.warn("observation arrived after shutdown and was not written");
            return;
        }
        writer.execute(() -> {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                ps.executeUpdate();
            } catch (SQLException e) {
                LOG.warn("could not write an observation: {}", e.getMessage());
            }
        });
    }

    /** Writes what is queued (up to 10 s). */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
