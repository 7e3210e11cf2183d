package dev.gearbox.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.app.Gateway;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.LedgerConfig;
import dev.gearbox.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gearbox_ledger_uncommitted} counts what a crash would lose: records queued and records in
 * the batch being written. While another connection holds the SQLite file's write lock, answers
 * still go out (the ledger is off the response path), the queue alone under-counts (the batch has
 * left it), and the uncommitted count says exactly how many records are at risk.
 */
class UncommittedRecordsTest {
    static final int REQUESTS = 5;

    @TempDir
    Path dir;

    @Test
    void recordsHeldUpByALockedStoreAreCountedAsUncommittedUntilTheyAreWritten() throws Exception {
        Path file = dir.resolve("ledger.db");
        LedgerConfig lc = new LedgerConfig("sqlite", file, null, null, null, null, LedgerConfig.Redact.NONE, 100, 10);
        GearboxConfig cfg = ConfigLoader.parse("""
                providers:
                  - {name: sim, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 5}}
                deployments:
                  - {model: demo-mid, provider: sim}
                """, "test.yaml", k -> null, Gateway.providerKinds()).withServer(new ServerConfig("127.0.0.1", 0, 1 << 20)).withLedger(lc);
        JdbcLedger ledger = new JdbcLedger(LedgerStore.open(lc), lc.queue(), lc.batch());
        Gateway gw = Gateway.start(cfg, ledger).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("DELETE FROM requests"); // takes the write lock until rollback
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < REQUESTS; i++) {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + "/v1/chat/completions"))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"demo-mid\",\"messages\":[{\"role\":\"user\",\"content\":\"hi " + i + "\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> ledger.uncommitted() == REQUESTS);
            assertThat(ledger.queueDepth()).isLessThan(REQUESTS);
            assertThat(ledger.written()).isZero();
            lock.rollback();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.written() == REQUESTS);
        assertThat(ledger.uncommitted()).isZero();
        gw.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM requests")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(REQUESTS);
        }
    }
}
