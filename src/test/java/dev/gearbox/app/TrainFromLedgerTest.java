package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.ServerConfig;
import dev.gearbox.governance.MemoryKeyStore;
import dev.gearbox.learn.LearnedRouter;
import dev.gearbox.learn.RouterFile;
import dev.gearbox.ledger.JdbcLedger;
import dev.gearbox.ledger.LedgerStore;
import dev.gearbox.observe.JdbcObservationLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The retraining loop: shadow tests in the ledger become training data for {@code gearbox train --from-ledger}. */
class TrainFromLedgerTest {
    @TempDir
    Path dir;

    @Test
    void shadowTestsTrainARouter() throws Exception {
        String yaml = dev.gearbox.testing.TestGateway.SIMULATED_FLEET + """
                ledger: {store: sqlite, path: %s, redact: full}
                observe:
                  mode: route
                  shadow_tests: {sample: 1.0, compare_with: next-tier-up, evaluators: [exact, similarity]}
                """.formatted(dir.resolve("l.db"));
        Path cfgFile = dir.resolve("gearbox.yaml");
        Files.writeString(cfgFile, yaml);
        GearboxConfig cfg = ConfigLoader.parse(yaml, "t.yaml", k -> null, Gateway.providerKinds()).withServer(new ServerConfig("127.0.0.1", 0, 1 << 20));
        LedgerStore store = LedgerStore.open(cfg.ledger());
        Gateway g = Gateway.start(cfg, new JdbcLedger(store, 1000, 50), null, new MemoryKeyStore(), new JdbcObservationLog(store.dataSource()))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        HttpClient http = HttpClient.newHttpClient();
        String[] topics = {"the weather", "my garden", "a birthday card", "the news", "a short poem", "coffee"};
        try {
            for (int i = 0; i < 30; i++) {
                String content = "Write two friendly sentences about " + topics[i % topics.length] + ", variant " + i;
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/v1/chat/completions"))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            }
            await().atMost(java.time.Duration.ofSeconds(30)).until(() -> count(store, "SELECT COUNT(*) FROM shadow_tests") == 60
                    && count(store, "SELECT COUNT(*) FROM requests") == 30);
        } finally {
            g.close();
        }
        Path router = dir.resolve("ours.router.json");
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("train", "--from-ledger", "--config", cfgFile.toString(), "--out", router.toString(), "--k", "10")).isZero();
        assertThat(out.toString()).contains("ledger: 30 labelled requests from shadow tests and feedback (0 skipped").contains("Brier score");
        LedgerRouterCheck.loads(router);
    }

    static long count(LedgerStore store, String sql) throws Exception {
        try (var c = store.dataSource().getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The file written is a router the gateway can load, trained on the ledger. */
    static final class LedgerRouterCheck {
        static void loads(Path file) throws Exception {
            LearnedRouter r = RouterFile.read(file);
            assertThat(r.provenance().trainedOn()).containsExactly("ledger:30");
            assertThat(r.neighbours().size()).isEqualTo(20); // 30 less the held-out prompts (20%, at least 10) for calibration
        }
    }
}
