package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.ServerConfig;
import dev.gearbox.ledger.Ledgers;
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

/** The README's "Spend and savings": traffic through a gateway with a SQLite ledger, then `gearbox report`. */
class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void reportShowsSpendAndSavingsByModelAsTableAndJson() throws Exception {
        Path cfgFile = dir.resolve("gearbox.yaml");
        Files.writeString(cfgFile, """
                providers:
                  - {name: sim, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 20}}
                deployments:
                  - {model: demo-frontier, provider: sim}
                  - {model: demo-mid, provider: sim}
                routing:
                  default: auto
                  baseline: demo-frontier
                  policies:
                    - name: auto
                      type: rules
                      rules:
                        - {name: code, when: {has_code: true}, tier: frontier}
                      default: {tier: mid}
                ledger:
                  store: sqlite
                  path: %s
                """.formatted(dir.resolve("gearbox-data/ledger.db")));
        GearboxConfig cfg = ConfigLoader.load(cfgFile, k -> null, Gateway.providerKinds());
        Gateway gw = Gateway.start(cfg.withServer(new ServerConfig("127.0.0.1", 0, 1 << 20)), Ledgers.open(cfg.ledger()))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 30; i++) {
            String content = i % 3 == 0 ? "Fix:\\n```py\\nprint(1\\n```" : "Say hello " + i;
            var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + "/v1/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}"))
                    .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        gw.close();

        StringWriter table = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(table));
        assertThat(cli.execute("report", "--config", cfgFile.toString(), "--by", "model")).isZero();
        assertThat(table.toString())
                .contains("by model")
                .containsPattern("demo-mid\\s+20\\s+0\\s")
                .containsPattern("demo-frontier\\s+10\\s+0\\s")
                .containsPattern("total\\s+30\\s");

        StringWriter json = new StringWriter();
        cli = Main.commandLine();
        cli.setOut(new PrintWriter(json));
        assertThat(cli.execute("report", "--config", cfgFile.toString(), "--by", "all", "--json")).isZero();
        JsonNode row = new ObjectMapper().readTree(json.toString()).path("rows").get(0);
        assertThat(row.path("requests").asLong()).isEqualTo(30);
        assertThat(row.path("savings_usd").asDouble()).isPositive();
        assertThat(row.path("savings_usd").asDouble())
                .isCloseTo(row.path("baseline_cost_usd").asDouble() - row.path("cost_usd").asDouble(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(row.path("savings_percent").asDouble()).isBetween(1.0, 99.0);

        StringWriter err = new StringWriter();
        cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("report", "--config", cfgFile.toString(), "--by", "colour")).isEqualTo(2);
        assertThat(err.toString()).contains("--by must be one of model, route, key, feature, all");

        StringWriter viewErr = new StringWriter();
        cli = Main.commandLine();
        cli.setErr(new PrintWriter(viewErr));
        assertThat(cli.execute("report", "--config", cfgFile.toString(), "--view", "routes")).isEqualTo(2);
        assertThat(viewErr.toString()).contains("--view routes is a JSON document: add --json");
    }
}
