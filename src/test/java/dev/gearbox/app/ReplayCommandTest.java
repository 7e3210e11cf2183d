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

/** {@code gearbox replay}: logged requests through a new policy, offline: divergence and projected cost. */
class ReplayCommandTest {
    @TempDir
    Path dir;

    @Test
    void aCheaperPolicyIsReviewedAgainstLoggedTraffic() throws Exception {
        String yaml = dev.gearbox.testing.TestGateway.SIMULATED_FLEET + "ledger: {store: sqlite, path: " + dir.resolve("l.db") + ", redact: full}\n";
        Path cfgFile = dir.resolve("gearbox.yaml");
        Files.writeString(cfgFile, yaml);
        GearboxConfig cfg = ConfigLoader.parse(yaml, "t.yaml", k -> null, Gateway.providerKinds()).withServer(new ServerConfig("127.0.0.1", 0, 1 << 20));
        Gateway g = Gateway.start(cfg, Ledgers.open(cfg.ledger())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 6; i++) {
            String content = i % 2 == 0 ? "Fix this: ```python\\ndef f(:\\n  pass\\n``` " + i : "Say hello to my friend number " + i;
            var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/v1/chat/completions"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        g.close();
        Path policy = dir.resolve("cheap.yaml");
        Files.writeString(policy, """
                routing:
                  default: cheap
                  policies:
                    - {name: cheap, type: rules, default: {model: demo-efficient}}
                """);
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("replay", "--config", cfgFile.toString(), "--policy", policy.toString(), "--json")).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(j.get("replayed").asInt()).isEqualTo(6);
        assertThat(j.get("diverged").asInt()).isEqualTo(6);              // code went to frontier, the rest to mid; now all efficient
        assertThat(j.get("cost_delta_usd").asDouble()).isNegative();
        assertThat(j.get("moves").get("demo-frontier -> demo-efficient").asInt()).isEqualTo(3);
        assertThat(j.get("moves").get("demo-mid -> demo-efficient").asInt()).isEqualTo(3);

        StringWriter table = new StringWriter();
        CommandLine cli2 = Main.commandLine();
        cli2.setOut(new PrintWriter(table));
        assertThat(cli2.execute("replay", "--config", cfgFile.toString(), "--policy", policy.toString())).isZero();
        assertThat(table.toString()).contains("Replay of policy cheap").contains("Decided differently: 6 (100.0%)").contains("under the new policy");
    }
}
