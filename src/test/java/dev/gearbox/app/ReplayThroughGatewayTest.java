package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.chat.Json;
import dev.gearbox.testing.TestGateway;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The replay provider answers known prompts with the recorded answer and unknown ones with a clear 400. */
class ReplayThroughGatewayTest {
    static TestGateway gw;

    @BeforeAll
    static void start() {
        String file = Path.of("src/test/resources/fixtures/replay/tiny-routeset.jsonl").toAbsolutePath().toString();
        gw = TestGateway.start("""
                providers:
                  - {name: recorded, kind: replay, options: {file: "%s"}}
                catalog:
                  - {id: model-strong, vendor: test, tier: frontier, context_window: 8000, max_output: 1000,
                     capabilities: [streaming], price: {input: 10, output: 30, as_of: 2024-01-01, source: test}}
                deployments:
                  - {model: model-strong, provider: recorded}
                """.formatted(file));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void knownPromptGetsTheRecordedAnswer() throws Exception {
        var r = gw.post("/v1/chat/completions", """
                {"model":"model-strong","messages":[{"role":"user","content":"What is 17 + 25?"}]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(r.body()).at("/choices/0/message/content").asText()).isEqualTo("17 + 25 = 42.\n\n#### 42");
    }

    @Test
    void unknownPromptIsAClear400() throws Exception {
        var r = gw.post("/v1/chat/completions", """
                {"model":"model-strong","messages":[{"role":"user","content":"Never recorded"}]}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).at("/error/message").asText()).contains("no recorded answer");
    }
}
