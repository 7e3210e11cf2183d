package dev.gearbox.ledger;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Keeps the most recent records in memory (a bounded ring), for tests and for a gateway run without a
 * store. Thread-safe.
 */
public final class RecentLedger implements Ledger {
    private final int capacity;
    private final ArrayDeque<LedgerRecord> ring;
    private long total;

    public RecentLedger(int capacity) {
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    @Override
    public synchronized void record(LedgerRecord r) {
        if (ring.size() == capacity) ring.pollFirst();
        ring.addLast(r);
        total++;
    }

    public synchronized List<LedgerRecord> recent() {
        return new ArrayList<>(ring);
    }

    public synchronized long total() {
        return total;
    }
}
