package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.config.ConfigException;
import dev.gearbox.testing.TestGateway;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A semantic policy's {@code embedder: static}: prompts routed by the distilled token table, seen on the wire. */
class SemanticEmbedderTest {
    static TestGateway gw;

    static String yaml(String embedder) {
        return """
                providers:
                  - {name: sim, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 5}}
                deployments:
                  - {model: demo-frontier, provider: sim}
                  - {model: demo-mid, provider: sim}
                  - {model: demo-efficient, provider: sim}
                routing:
                  default: topics
                  policies:
                    - name: topics
                      type: semantic
                      embedder: %s
                      threshold: 0.3
                      routes:
                        - name: code
                          utterances: ["Why does this Python function throw a KeyError?", "Fix the bug in my JavaScript loop",
                                       "Debug this stack trace from my Java service"]
                          model: demo-frontier
                        - name: small-talk
                          utterances: ["Hi, how are you today?", "Good morning", "Thanks, that was helpful!"]
                          model: demo-efficient
                      fallback: {model: demo-mid}
                """.formatted(embedder);
    }

    @BeforeAll
    static void start() {
        gw = TestGateway.start(yaml("static"));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static HttpResponse<String> ask(String text) {
        HttpResponse<String> r = gw.post("/v1/chat/completions", """
                {"model":"auto","messages":[{"role":"user","content":%s}]}""".formatted(dev.gearbox.chat.Json.MAPPER.valueToTree(text).toString()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    @Test
    void promptsGoToTheirRouteAndUnrelatedOnesToTheFallback() {
        HttpResponse<String> code = ask("My Python script crashes with a KeyError when I read the config dict, how do I fix it?");
        assertThat(code.headers().firstValue("x-gearbox-model")).as(code.headers().firstValue("x-gearbox-reason").orElse("")).hasValue("demo-frontier");
        assertThat(code.headers().firstValue("x-gearbox-reason").orElseThrow()).startsWith("route code (similarity ");
        assertThat(code.body()).contains("\"model\":\"demo-frontier\"");

        HttpResponse<String> hello = ask("Hello there, good morning to you!");
        assertThat(hello.headers().firstValue("x-gearbox-model")).as(hello.headers().firstValue("x-gearbox-reason").orElse("")).hasValue("demo-efficient");

        HttpResponse<String> other = ask("Summarise the causes of the French Revolution in three paragraphs.");
        assertThat(other.headers().firstValue("x-gearbox-model")).as(other.headers().firstValue("x-gearbox-reason").orElse("")).hasValue("demo-mid");
    }

    @Test
    void theStaticTableIsWhatMeasuredTheSimilarityNotMiniLm() {
        String prompt = "My Python script crashes with a KeyError when I read the config dict, how do I fix it?";
        String viaStatic = ask(prompt).headers().firstValue("x-gearbox-reason").orElseThrow();
        try (TestGateway minilm = TestGateway.start(yaml("minilm"))) {
            HttpResponse<String> r = minilm.post("/v1/chat/completions", """
                    {"model":"auto","messages":[{"role":"user","content":%s}]}""".formatted(dev.gearbox.chat.Json.MAPPER.valueToTree(prompt).toString()));
            String viaMiniLm = r.headers().firstValue("x-gearbox-reason").orElseThrow();
            assertThat(viaMiniLm).startsWith("route code (similarity ");
            assertThat(viaStatic).isNotEqualTo(viaMiniLm);
        }
    }

    @Test
    void anUnknownEmbedderIsAConfigErrorWithItsLine() {
        assertThatThrownBy(() -> TestGateway.start(yaml("bert-large")))
                .rootCause().isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml:12").hasMessageContaining("unknown embedder 'bert-large'").hasMessageContaining("static");
    }
}
