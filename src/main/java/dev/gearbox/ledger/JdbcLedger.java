package dev.gearbox.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger off the response path: {@link #record} only offers to a bounded queue (never blocks;
 * when the queue is full the record is dropped and counted), and one worker thread writes batches
 * in a transaction each. A failed batch is retried with backoff, so a database restart loses
 * nothing that fits in the queue. {@link #close} stops accepting, writes everything queued, and
 * returns: this is what SIGTERM runs, so no record of a served request is lost on shutdown.
 */
public final class JdbcLedger implements Ledger {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcLedger.class);
    private static final long SHUTDOWN_WAIT_MS = 60_000;
    /** How long the writer waits, after the first record of a batch, for more: bounds the added commit delay. */
    static final long LINGER_NANOS = 5_000_000;

    private final LedgerStore store;
    private final BlockingQueue<LedgerRecord> queue;
    private final int batch;
    private final Thread worker;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    /** Records of the batch being written now: committed or not, they are out of the queue. */
    private volatile int writing;
    private volatile boolean closing;
    private volatile boolean stopped;

    public JdbcLedger(LedgerStore store, int capacity, int batch) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batch = batch;
        this.worker = Thread.ofPlatform().name("gearbox-ledger").daemon(true).start(this::run);
    }

    @Override
    public void record(LedgerRecord record) {
        // While closing, records are still taken: requests that were in flight at SIGTERM finish
        // after the server stops accepting, and the worker writes until the queue stays empty.
        if (stopped || !queue.offer(record)) {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) LOG.warn("ledger queue full or closing: {} record(s) dropped so far", n);
        }
    }

    public int queueDepth() {
        return queue.size();
    }

    /**
     * Records accepted but not yet committed: the queue plus the batch being written. This is what
     * a {@code kill -9} (or a power cut, for SQLite, beyond its last checkpoint) would lose now.
     */
    public int uncommitted() {
        return queue.size() + writing;
    }

    public long dropped() {
        return dropped.get();
    }

    public long written() {
        return written.get();
    }

    public long failedBatches() {
        return failedBatches.get();
    }

    public LedgerStore store() {
        return store;
    }

    private void run() {
        List<LedgerRecord> buf = new ArrayList<>(batch);
        long backoff = 100;
        while (true) {
            try {
                if (buf.isEmpty()) {
                    LedgerRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (closing) {
                            stopped = true;
                            if (queue.isEmpty()) return;
                            stopped = false;
                        }
                        continue;
                    }
                    buf.add(first);
                    writing = 1;
                    // Under steady traffic, wait a moment for more so one transaction carries many records:
                    // a commit per record woke this thread for every request and cost more CPU per record.
                    if (!closing && queue.size() < batch - 1) java.util.concurrent.locks.LockSupport.parkNanos(LINGER_NANOS);
                    queue.drainTo(buf, batch - 1);
                    writing = buf.size();
                }
                write(buf);
                written.addAndGet(buf.size());
                writing = 0;
                buf.clear();
                backoff = 100;
            } catch (InterruptedException e) {
                if (!closing) Thread.currentThread().interrupt();
            } catch (SQLException | RuntimeException e) {
                failedBatches.incrementAndGet();
                LOG.error("ledger write of {} record(s) failed, retrying in {} ms: {}", buf.size(), backoff, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    // closing: keep trying until the shutdown wait expires
                }
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    /**
     * The writer's connection and statements, kept between batches (opening a SQLite connection and
     * preparing the insert cost more than a small batch's inserts); dropped after any failure, so the
     * retry starts on a fresh connection. Only the worker thread uses them (and {@link #close} once
     * the worker has ended).
     */
    private Connection connection;
    private PreparedStatement insert;
    private PreparedStatement insertShadow;

    private void write(List<LedgerRecord> rows) throws SQLException {
        try {
            if (connection == null) {
                connection = store.dataSource().getConnection();
                connection.setAutoCommit(false);
                insert = connection.prepareStatement(LedgerRows.INSERT);
                insertShadow = connection.prepareStatement(LedgerRows.INSERT_SHADOW);
            }
            writeBatch(connection, rows);
        } catch (SQLException | RuntimeException e) {
            dropConnection();
            throw e;
        }
    }

    private void writeBatch(Connection c, List<LedgerRecord> rows) throws SQLException {
        try {
            boolean shadows = false;
            for (LedgerRecord r : rows) {
                LedgerRows.bind(insert, r);
                insert.addBatch();
                for (ShadowDecision x : r.shadows()) {
                    LedgerRows.bindShadow(insertShadow, r, x);
                    insertShadow.addBatch();
                    shadows = true;
                }
            }
            insert.executeBatch();
            if (shadows) insertShadow.executeBatch();
            HourlyRollup.add(c, rows);
            c.commit();
        } catch (SQLException e) {
            insert.clearBatch();
            insertShadow.clearBatch();
            c.rollback();
            if (isDuplicate(e)) {
                writeOneByOne(c, rows);
                return;
            }
            throw e;
        }
    }

    private void dropConnection() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("ledger: closing the failed writer connection: {}", e.getMessage());
        }
        connection = null;
        insert = null;
        insertShadow = null;
    }

    /**
     * A retried batch may have been committed before its connection failed: skip rows already there.
     * Each row is its own transaction with its rollup share, so a row already counted is not counted again.
     */
    private static void writeOneByOne(Connection c, List<LedgerRecord> rows) throws SQLException {
        for (LedgerRecord r : rows) {
            try (PreparedStatement ps = c.prepareStatement(LedgerRows.INSERT)) {
                LedgerRows.bind(ps, r);
                ps.executeUpdate();
                for (ShadowDecision x : r.shadows()) {
                    try (PreparedStatement sh = c.prepareStatement(LedgerRows.INSERT_SHADOW)) {
                        LedgerRows.bindShadow(sh, r, x);
                        sh.executeUpdate();
                    }
                }
                HourlyRollup.add(c, List.of(r));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (!isDuplicate(e)) throw e;
            }
        }
    }

    private static boolean isDuplicate(SQLException e) {
        String state = e.getSQLState();
        String msg = String.valueOf(e.getMessage());
        return "23505".equals(state) || msg.contains("UNIQUE constraint failed") || msg.contains("SQLITE_CONSTRAINT_PRIMARYKEY");
    }

    /** Stops accepting, writes what is queued (up to a minute), closes the store. */
    @Override
    public void close() {
        closing = true;
        try {
            worker.join(SHUTDOWN_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!worker.isAlive() && !queue.isEmpty()) {
            // a record offered while the worker was deciding to stop
            List<LedgerRecord> rest = new ArrayList<>();
            queue.drainTo(rest);
            try {
                write(rest);
                written.addAndGet(rest.size());
            } catch (SQLException e) {
                dropped.addAndGet(rest.size());
                LOG.error("ledger: the last {} record(s) could not be written: {}", rest.size(), e.getMessage());
            }
        }
        if (!worker.isAlive()) dropConnection();
        if (worker.isAlive()) LOG.error("ledger: {} record(s) still queued after {} ms; giving up", queue.size(), SHUTDOWN_WAIT_MS);
        else LOG.info("ledger flushed: {} record(s) written, {} dropped", written.get(), dropped.get());
        store.close();
    }
}
