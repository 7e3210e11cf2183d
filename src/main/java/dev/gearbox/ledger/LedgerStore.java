package dev.gearbox.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gearbox.config.LedgerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A ledger database, migrated to the current schema on open (Flyway, scripts in
 * {@code db/ledger}): a SQLite file in WAL mode, created with its folder on first start, or a
 * PostgreSQL schema shared by several gateway replicas.
 */
public final class LedgerStore implements AutoCloseable {
    private final DataSource dataSource;
    private final boolean sqlite;
    private final String describe;

    private LedgerStore(DataSource dataSource, boolean sqlite, String describe) {
        this.dataSource = dataSource;
        this.sqlite = sqlite;
        this.describe = describe;
    }

    public static LedgerStore open(LedgerConfig cfg) {
        LedgerStore store = switch (cfg.store()) {
            case "sqlite" -> sqlite(cfg.path());
            case "postgres" -> postgres(cfg);
            default -> throw new IllegalArgumentException("no database for ledger store " + cfg.store());
        };
        Flyway.configure()
                .dataSource(store.dataSource)
                .locations("classpath:db/ledger")
                .schemas(store.sqlite ? new String[0] : new String[] {cfg.schema()})
                .createSchemas(!store.sqlite)
                .table("gearbox_ledger_schema")
                .load()
                .migrate();
        return store;
    }

    private static LedgerStore sqlite(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the ledger's folder for " + path + ": " + e.getMessage(), e);
        }
        SQLiteConfig c = new SQLiteConfig();
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        c.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        c.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(c);
        ds.setUrl("jdbc:sqlite:" + path.toAbsolutePath());
        return new LedgerStore(ds, true, "sqlite " + path.toAbsolutePath());
    }

    private static LedgerStore postgres(LedgerConfig cfg) {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(cfg.url());
        if (cfg.user() != null) h.setUsername(cfg.user());
        if (cfg.password() != null) h.setPassword(cfg.password());
        h.setSchema(cfg.schema());
        h.setMaximumPoolSize(4);
        h.setPoolName("gearbox-ledger");
        return new LedgerStore(new HikariDataSource(h), false, "postgres " + cfg.url() + " schema " + cfg.schema());
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean sqlite() {
        return sqlite;
    }

    @Override
    public String toString() {
        return describe;
    }

    @Override
    public void close() {
        if (dataSource instanceof HikariDataSource h) h.close();
    }
}
