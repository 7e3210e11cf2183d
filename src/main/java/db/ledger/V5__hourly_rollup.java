package db.ledger;

import dev.gearbox.ledger.HourlyRollup;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates the ledger's hourly rollup and fills it from the rows already there (SQLite and PostgreSQL),
 * so the dashboard's multi-day views read it from the first start after an upgrade; a Java migration
 * because the latency buckets are computed by {@link HourlyRollup#bucket}, the same code the write path uses.
 */
public class V5__hourly_rollup extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        boolean sqlite = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("sqlite");
        try (Statement s = context.getConnection().createStatement()) {
            for (String ddl : HourlyRollup.ddl(sqlite)) s.execute(ddl);
        }
        HourlyRollup.backfill(context.getConnection());
    }
}
