package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.config.ConfigException;
import dev.gearbox.testing.ReadmeBlocks;
import dev.gearbox.testing.TestGateway;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The README's semantic routes, served by a real gateway over simulated models: what crossed the wire. */
class SemanticRoutesTest {
    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(ReadmeBlocks.yaml("semantic-routes.yaml"));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static HttpResponse<String> ask(String text, boolean stream) {
        return gw.post("/v1/chat/completions", """
                {"model":"auto","stream":%s,"messages":[{"role":"user","content":%s}]}"""
                .formatted(stream, dev.gearbox.chat.Json.MAPPER.valueToTree(text).toString()));
    }

    @Test
    void aCodingQuestionTakesTheCodeRouteToTheFrontierTier() {
        HttpResponse<String> r = ask("My Python script raises a KeyError when I read the dict, how do I fix it?", false);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-frontier");
        assertThat(r.headers().firstValue("x-gearbox-route")).hasValue("by-topic");
        assertThat(r.headers().firstValue("x-gearbox-reason").orElseThrow()).startsWith("route code (similarity ")
                .endsWith("-> tier frontier");
        assertThat(r.body()).contains("\"model\":\"demo-frontier\"");
    }

    @Test
    void smallTalkGoesToTheEfficientModelAlsoWhenStreamed() {
        HttpResponse<String> r = ask("Hello! How are you doing this morning?", true);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-efficient");
        assertThat(r.headers().firstValue("x-gearbox-reason").orElseThrow()).startsWith("route small-talk");
        assertThat(r.body()).contains("data: [DONE]");
    }

    @Test
    void aPromptLikeNoRouteFallsBackAndTheLedgerKeepsTheSimilarity() {
        HttpResponse<String> r = ask("What were the main causes of the French Revolution in 1789?", false);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-mid");
        assertThat(r.headers().firstValue("x-gearbox-reason").orElseThrow()).startsWith("no route (best ")
                .contains("< 0.30) -> fallback tier mid");
        String id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
        await().until(() -> gw.records().stream().anyMatch(x -> x.requestId().equals(id)));
        var rec = gw.records().stream().filter(x -> x.requestId().equals(id)).findFirst().orElseThrow();
        assertThat(rec.decision().threshold()).isEqualTo(0.3);
        assertThat(rec.decision().confidence()).isLessThan(0.3);
    }

    @Test
    void aRouteWithoutUtterancesIsAConfigErrorWithItsLine() {
        String yaml = """
                providers:
                  - {name: sim, kind: simulated}
                deployments:
                  - {model: demo-mid, provider: sim}
                routing:
                  default: topics
                  policies:
                    - name: topics
                      type: semantic
                      routes:
                        - name: empty
                          model: demo-mid
                      fallback: {model: demo-mid}
                """;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestGateway.start(yaml))
                .rootCause().isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml:11").hasMessageContaining("needs example utterances");
    }
}
