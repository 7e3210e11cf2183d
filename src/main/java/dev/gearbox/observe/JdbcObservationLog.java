package dev.gearbox.observe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shadow tests and feedback in the ledger's database, written by one background thread in batches
 * (one transaction per batch on one kept connection), off every request's path. The queue is
 * bounded; observations beyond it are dropped and counted in the log (they are not billing).
 */
public final class JdbcObservationLog implements ObservationLog {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcObservationLog.class);
    private final DataSource ds;
    private static final int CAPACITY = 100_000;
    private static final int BATCH = 1_000;
    private final BlockingQueue<Row> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;
    private final Thread writer;

    public JdbcObservationLog(DataSource ds) {
        this.ds = ds;
        this.writer = Thread.ofPlatform().name("gearbox-observations").daemon(true).start(this::drain);
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

    private record Row(String sql, Binder binder) {}

    private void write(String sql, Binder binder) {
        if (closed) {
            LOG.warn("observation arrived after shutdown and was not written");
            return;
        }
        if (!queue.offer(new Row(sql, binder))) {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) LOG.warn("observation queue full ({} rows): {} observations dropped so far", CAPACITY, n);
        }
    }

    /** The writer: waits for rows, then writes everything queued in one transaction on one kept connection. */
    private static final long LINGER_NANOS = 5_000_000;

    private void drain() {
        Connection c = null;
        List<Row> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                Row first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed && queue.isEmpty()) break;
                    continue;
                }
                batch.add(first);
                // wait a moment for more, so one transaction carries many rows (not one wake-up per request)
                if (!closed && queue.size() < BATCH - 1) java.util.concurrent.locks.LockSupport.parkNanos(LINGER_NANOS);
                queue.drainTo(batch, BATCH - 1);
                if (c == null) c = ds.getConnection();
                writeBatch(c, batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (SQLException e) {
                LOG.warn("could not write {} observations: {}", batch.size(), e.getMessage());
                closeQuietly(c);
                c = null;
            } finally {
                batch.clear();
            }
        }
        closeQuietly(c);
    }

    private static void writeBatch(Connection c, List<Row> batch) throws SQLException {
        c.setAutoCommit(false);
        try {
            Map<String, List<Row>> bySql = new LinkedHashMap<>();
            for (Row r : batch) bySql.computeIfAbsent(r.sql(), k -> new ArrayList<>()).add(r);
            for (var e : bySql.entrySet()) {
                try (PreparedStatement ps = c.prepareStatement(e.getKey())) {
                    for (Row r : e.getValue()) {
                        r.binder().bind(ps);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a broken connection
        }
    }

    /** Writes what is queued (up to 10 s). */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
