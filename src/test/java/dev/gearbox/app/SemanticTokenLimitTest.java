package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.config.ConfigException;
import dev.gearbox.embed.Embedder;
import dev.gearbox.embed.TokenLimit;
import dev.gearbox.testing.TestGateway;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A semantic policy's {@code max_tokens}: a long prompt is routed by the word pieces it keeps, seen
 * on the wire (the model that answered, the route and similarity in the reason header).
 */
class SemanticTokenLimitTest {
    static final String POLICY = """
                - name: %s
                  type: semantic
                  threshold: 0.2
                  %s
                  routes:
                    - name: code
                      utterances: ["Why does this Python function throw a KeyError?", "Fix the bug in my JavaScript loop"]
                      model: demo-frontier
                    - name: small-talk
                      utterances: ["Hi, how are you today?", "Good morning", "Thanks, that was helpful!"]
                      model: demo-efficient
                  fallback: {model: demo-mid}
            """;
    static final String HEAD = "Hello! How are you doing this morning?";
    static final String CODE = " Traceback (most recent call last): File \"app.py\", line 12, in load: value = config[key] KeyError: 'port'.";
    static final String QUESTION = " Why does my Python dict lookup throw this KeyError?";

    static TestGateway gw;
    static int headPieces;

    @BeforeAll
    static void start() {
        headPieces = Embedder.shared().tokens(HEAD, TokenLimit.NONE).length - 2;
        String yaml = """
                providers:
                  - {name: sim, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 5}}
                deployments:
                  - {model: demo-frontier, provider: sim}
                  - {model: demo-mid, provider: sim}
                  - {model: demo-efficient, provider: sim}
                routing:
                  default: whole
                  policies:
                """ + POLICY.formatted("whole", "max_tokens: none") + POLICY.formatted("head", "max_tokens: " + headPieces + "\n      keep: head")
                + POLICY.formatted("head-tail", "max_tokens: 32\n      keep: head-tail");
        gw = TestGateway.start(yaml);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static HttpResponse<String> ask(String policy, String text) {
        HttpResponse<String> r = gw.post("/v1/chat/completions", """
                {"model":"%s","messages":[{"role":"user","content":%s}]}"""
                .formatted(policy, dev.gearbox.chat.Json.MAPPER.valueToTree(text).toString()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    static String reason(HttpResponse<String> r) {
        return r.headers().firstValue("x-gearbox-reason").orElseThrow();
    }

    @Test
    void aLongPromptIsRoutedByItsHeadWhenTheLimitKeepsTheHead() {
        String prompt = HEAD + CODE.repeat(12) + QUESTION;
        HttpResponse<String> whole = ask("whole", prompt);
        assertThat(whole.headers().firstValue("x-gearbox-model")).as(reason(whole)).hasValue("demo-frontier");

        HttpResponse<String> head = ask("head", prompt);
        assertThat(head.headers().firstValue("x-gearbox-model")).as(reason(head)).hasValue("demo-efficient");
        assertThat(head.body()).contains("\"model\":\"demo-efficient\"");
        // Exactly the head's word pieces were embedded: the same similarity as the head sent alone, untruncated.
        assertThat(reason(head)).isEqualTo(reason(ask("whole", HEAD)));
    }

    @Test
    void headTailAlsoReadsTheQuestionAtTheEnd() {
        String prompt = HEAD + " Here is some background you can skip over, it is long.".repeat(30) + QUESTION;
        HttpResponse<String> head = ask("head", prompt);
        assertThat(head.headers().firstValue("x-gearbox-model")).as(reason(head)).hasValue("demo-efficient");
        HttpResponse<String> headTail = ask("head-tail", prompt);
        assertThat(headTail.headers().firstValue("x-gearbox-model")).as(reason(headTail)).hasValue("demo-frontier");
        assertThat(reason(headTail)).startsWith("route code (similarity ");
    }

    /** A one-route semantic policy with {@code settings} (one YAML line each) after its type, on line 10 onwards. */
    private static String topics(String... settings) {
        StringBuilder lines = new StringBuilder();
        for (String line : settings) lines.append("      ").append(line).append('\n');
        return """
                providers:
                  - {name: sim, kind: simulated}
                deployments:
                  - {model: demo-mid, provider: sim}
                routing:
                  default: topics
                  policies:
                    - name: topics
                      type: semantic
                """ + lines + """
                      routes:
                        - {name: any, utterances: ["hello"], model: demo-mid}
                      fallback: {model: demo-mid}
                """;
    }

    @Test
    void aLimitBeyondTheModelsWindowIsAConfigErrorWithItsLine() {
        for (String bad : new String[] {"max_tokens: 600", "max_tokens: -5", "max_tokens: 0"}) {
            assertThatThrownBy(() -> TestGateway.start(topics(bad))).as(bad)
                    .rootCause().isInstanceOf(ConfigException.class)
                    .hasMessageContaining("test.yaml:10").hasMessageContaining("max_tokens must be from 1 to 254");
        }
    }

    @Test
    void anUnknownKeepIsAConfigError() {
        assertThatThrownBy(() -> TestGateway.start(topics("max_tokens: 64", "keep: middle")))
                .rootCause().isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml:11").hasMessageContaining("unknown keep 'middle'").hasMessageContaining("head-tail");
    }
}
