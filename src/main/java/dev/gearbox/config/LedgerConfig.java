package dev.gearbox.config;

import java.nio.file.Path;

/**
 * Where and how request records are kept.
 *
 * @param store    {@code sqlite} (default: a file created on first start), {@code postgres} (for several
 *                 replicas), or {@code memory} (the last records only, for tests and trials)
 * @param path     the SQLite file
 * @param url      the PostgreSQL JDBC URL
 * @param user     PostgreSQL user
 * @param password PostgreSQL password (from {@code password_env} or {@code password_file}; never logged)
 * @param schema   PostgreSQL schema (created when missing)
 * @param redact   what of prompts and answers is stored: {@code none} stores nothing (default), {@code hash}
 *                 a SHA-256 of each, {@code full} the text
 * @param queue    records held in memory before new ones are dropped (and counted)
 * @param batch    records written per transaction
 */
public record LedgerConfig(String store, Path path, String url, String user, String password, String schema,
                           Redact redact, int queue, int batch) {
    public enum Redact { NONE, HASH, FULL }

    public static final LedgerConfig DEFAULTS = new LedgerConfig("sqlite", Path.of("gearbox-data", "ledger.db"), null,
            null, null, "public", Redact.NONE, 20_000, 500);

    public static LedgerConfig memory() {
        return new LedgerConfig("memory", null, null, null, null, null, Redact.NONE, 20_000, 500);
    }

    @Override
    public String toString() {
        return "LedgerConfig[store=" + store + ", path=" + path + ", url=" + url + ", user=" + user + ", schema=" + schema
                + ", redact=" + redact + ", queue=" + queue + ", batch=" + batch + "]";
    }
}
