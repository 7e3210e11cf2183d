package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.config.LedgerConfig;
import dev.gearbox.governance.JdbcKeyStore;
import dev.gearbox.governance.KeySecrets;
import dev.gearbox.governance.VirtualKey;
import dev.gearbox.ledger.LedgerStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code gearbox keys create | list | revoke} against the ledger database, SQLite and PostgreSQL. */
class KeysCommandTest {
    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @TempDir
    Path dir;

    String run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void createListRevoke(String kind) throws Exception {
        String schema = "gbx_keys_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String ledger = kind.equals("sqlite")
                ? "ledger: {store: sqlite, path: " + dir.resolve("ledger.db") + "}\n"
                : "ledger: {store: postgres, url: \"" + PG_URL + "\", user: postgres, schema: " + schema + "}\n";
        Path cfg = dir.resolve("gearbox.yaml");
        Files.writeString(cfg, ledger);
        try {
            String created = run("keys", "create", "--config", cfg.toString(), "--name", "search backend", "--team", "search",
                    "--tier", "interactive", "--models", "demo-mid,auto", "--rpm", "60", "--tpm", "100000", "--daily-usd", "5",
                    "--monthly-usd", "100", "--json");
            JsonNode k = new ObjectMapper().readTree(created);
            String secret = k.get("secret").asText();
            String id = k.get("id").asText();
            assertThat(secret).startsWith("gbx-");
            assertThat(id).startsWith("vk_");

            String table = run("keys", "list", "--config", cfg.toString());
            assertThat(table).contains(id).contains("search backend").contains("demo-mid,auto").contains("active").doesNotContain(secret);
            JsonNode list = new ObjectMapper().readTree(run("keys", "list", "--config", cfg.toString(), "--json"));
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("rpm").asInt()).isEqualTo(60);
            assertThat(list.get(0).get("daily_usd").asDouble()).isEqualTo(5.0);
            assertThat(list.get(0).has("secret")).isFalse();

            LedgerConfig lc = kind.equals("sqlite")
                    ? new LedgerConfig("sqlite", dir.resolve("ledger.db"), null, null, null, null, LedgerConfig.Redact.NONE, 1000, 100)
                    : new LedgerConfig("postgres", null, PG_URL, "postgres", null, schema, LedgerConfig.Redact.NONE, 1000, 100);
            try (LedgerStore store = LedgerStore.open(lc)) {
                List<VirtualKey> stored = new JdbcKeyStore(store.dataSource()).list();
                assertThat(stored).singleElement().satisfies(v -> {
                    assertThat(v.secretHash()).isEqualTo(KeySecrets.hash(secret));
                    assertThat(v.allowed()).containsExactly("demo-mid", "auto");
                });
            }

            assertThat(run("keys", "revoke", "--config", cfg.toString(), id)).contains("Revoked " + id);
            assertThat(run("keys", "list", "--config", cfg.toString())).contains("revoked");
            CommandLine cli = Main.commandLine();
            cli.setErr(new PrintWriter(new StringWriter()));
            assertThat(cli.execute("keys", "revoke", "--config", cfg.toString(), id)).isEqualTo(1);
        } finally {
            if (kind.equals("postgres")) {
                try (var c = DriverManager.getConnection(PG_URL, "postgres", null)) {
                    c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }
}
