package dev.gearbox.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.testing.GatewayProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a gateway under load, then a restart on the same SQLite ledger: the file passes
 * SQLite's integrity check and Flyway's validation, every record written before the kill is there
 * once, and the restarted gateway appends new records. What a kill can lose is only what had not
 * been written yet (bench/crash.sh measures it; docs/reliability.md).
 */
class CrashRecoveryTest {
    static final int FLUSHED = 40;
    static final int BURST = 400;
    static final int IN_FLIGHT = 16;
    static final int AFTER_RESTART = 20;

    @TempDir
    Path dir;

    @Test
    void aKilledGatewayRestartsOnItsLedgerWithEveryFlushedRecordAndAppendsNewOnes() throws Exception {
        Path ledger = dir.resolve("ledger.db");
        Path config = dir.resolve("gearbox.yaml");
        Files.writeString(config, """
                providers:
                  - {name: sim, kind: simulated, options: {ttft_ms: 2, tokens_per_second: 100000, output_tokens: 20}}
                deployments:
                  - {model: demo-mid, provider: sim}
                ledger: {store: sqlite, path: %s}
                """.formatted(ledger));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int port = GatewayProcess.freePort();

        Set<String> flushed = new HashSet<>();
        Set<String> servedInBurst = ConcurrentHashMap.newKeySet();
        try (GatewayProcess first = GatewayProcess.start(config, port)) {
            for (int i = 0; i < FLUSHED; i++) flushed.add(requestId(http.send(chat(first, i), HttpResponse.BodyHandlers.ofString())));
            // written, as the gateway's own counter says: these are the records a kill must not touch
            await().atMost(Duration.ofSeconds(20)).until(() -> ledgerWritten(http, first) >= FLUSHED);

            Semaphore gate = new Semaphore(IN_FLIGHT);
            List<CompletableFuture<?>> burst = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                gate.acquireUninterruptibly();
                burst.add(http.sendAsync(chat(first, FLUSHED + i), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, t) -> {
                            gate.release();
                            if (t == null && r.statusCode() == 200) servedInBurst.add(requestId(r));
                        }));
                if (i == BURST / 4) first.kill(); // the rest meet a dead gateway: connection refused or reset
            }
            for (CompletableFuture<?> f : burst) f.handle((r, t) -> null).join();
            assertThat(first.exitStatus(Duration.ofSeconds(30))).as("killed by SIGKILL").isEqualTo(137);
        }

        assertThat(integrityCheck(ledger)).isEqualTo("ok");
        Flyway.configure().dataSource("jdbc:sqlite:" + ledger, null, null).locations("classpath:db/ledger")
                .table("gearbox_ledger_schema").load().validate();
        Set<String> rows = requestIds(ledger);
        assertThat(rows).containsAll(flushed);
        Set<String> lost = new HashSet<>(servedInBurst);
        lost.removeAll(rows);
        System.out.printf("kill -9: %d records written before the burst all present; burst: %d answered 200, %d of them not in the ledger%n",
                flushed.size(), servedInBurst.size(), lost.size());

        Set<String> appended = new HashSet<>();
        try (GatewayProcess second = GatewayProcess.start(config, port)) {
            for (int i = 0; i < AFTER_RESTART; i++) {
                appended.add(requestId(http.send(chat(second, 10_000 + i), HttpResponse.BodyHandlers.ofString())));
            }
            second.terminate();
            assertThat(second.exitStatus(Duration.ofSeconds(40))).as(second.log()).isZero();
        }
        assertThat(integrityCheck(ledger)).isEqualTo("ok");
        Set<String> after = requestIds(ledger);
        assertThat(after).containsAll(appended).containsAll(rows).hasSize(rows.size() + AFTER_RESTART);
    }

    static HttpRequest chat(GatewayProcess g, int i) {
        return HttpRequest.newBuilder(URI.create(g.baseUrl() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"demo-mid\",\"messages\":[{\"role\":\"user\",\"content\":\"request " + i + "\"}]}"))
                .build();
    }

    static String requestId(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("x-gearbox-request-id").orElseThrow();
    }

    static long ledgerWritten(HttpClient http, GatewayProcess g) throws Exception {
        String scrape = http.send(HttpRequest.newBuilder(URI.create(g.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("gearbox_ledger_written ")) return (long) Double.parseDouble(line.substring(23).trim());
        }
        return -1;
    }

    static String integrityCheck(Path ledger) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledger);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static Set<String> requestIds(Path ledger) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledger);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT request_id FROM requests")) {
            while (rs.next()) ids.add(rs.getString(1));
        }
        return ids;
    }
}
