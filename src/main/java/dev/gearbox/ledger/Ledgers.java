package dev.gearbox.ledger;

import dev.gearbox.config.LedgerConfig;

/** Opens the ledger a config asks for. */
public final class Ledgers {
    private Ledgers() {}

    public static Ledger open(LedgerConfig cfg) {
        if (cfg.store().equals("memory")) return new RecentLedger(10_000);
        return new JdbcLedger(LedgerStore.open(cfg), cfg.queue(), cfg.batch());
    }
}
