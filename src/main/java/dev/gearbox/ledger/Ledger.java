package dev.gearbox.ledger;

/**
 * Where request records go. {@link #record} is called on the response path and must never block
 * or throw: implementations queue and write elsewhere.
 */
public interface Ledger extends AutoCloseable {
    void record(LedgerRecord record);

    /** Flushes what is queued; called on shutdown. */
    @Override
    default void close() {}
}
