package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.config.ServerConfig;
import dev.gearbox.ledger.RecentLedger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing the config file of a running gateway swaps routing atomically; a broken edit keeps the old config. */
class ConfigReloadTest {
    static final String CONFIG = """
            providers:
              - {name: sim, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 5}}
            deployments:
              - {model: demo-mid, provider: sim}
              - {model: demo-efficient, provider: sim}
            routing:
              default: p
              policies:
                - {name: p, type: rules, default: {model: MODEL}}
            """;

    @TempDir
    Path dir;

    @Test
    void anEditIsPickedUpAndABrokenEditIsRefused() throws Exception {
        Path file = dir.resolve("gearbox.yaml");
        Files.writeString(file, CONFIG.replace("MODEL", "demo-mid"));
        java.util.function.Supplier<GearboxConfig> load = () -> {
            GearboxConfig c = ConfigLoader.load(file, k -> null, Gateway.providerKinds());
            return c.withServer(new ServerConfig("127.0.0.1", 0, c.server().maxBodyBytes()));
        };
        Gateway gw = Gateway.start(load.get(), new RecentLedger(100)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        try (ConfigWatch watch = ConfigWatch.start(file, load, gw, Duration.ofMillis(20))) {
            assertThat(servedModel(gw)).isEqualTo("demo-mid");

            write(file, CONFIG.replace("MODEL", "demo-efficient"));
            await().atMost(Duration.ofSeconds(10)).until(() -> servedModel(gw).equals("demo-efficient"));

            write(file, CONFIG.replace("MODEL", "no-such-model"));
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.lastFailure() != null);
            assertThat(watch.lastFailure()).contains("gearbox.yaml:9").contains("no-such-model");
            assertThat(servedModel(gw)).isEqualTo("demo-efficient");
        } finally {
            gw.close();
        }
    }

    static String servedModel(Gateway gw) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gw.port() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue("x-gearbox-model").orElse("none:" + r.statusCode());
    }

    /** Replaces the file in one step, as editors and config management do (a half-written file is another test). */
    static void write(Path file, String text) throws java.io.IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
