package dev.gearbox.ledger;

/**
 * Where request records go. {@link #record} is called on the response path and must never block
 * or throw: implementations queue and write elsewhere.
 */
public interface Ledger extends AutoCloseable {
    void record(LedgerRecord record);

    /** The SQL store behind this ledger, for queries (report, dashboard); null when records are not stored in SQL. */
    default LedgerStore store() {
        return null;
    }

    /** Flushes what is queued; called on shutdown. */
    @Override
    default void close() {}
}
