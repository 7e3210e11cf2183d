package dev.gearbox.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.testing.TestGateway;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules (with overrides and signal keys), heuristic and cost-aware policies, each running in a
 * real gateway over simulated models: what the client sees in x-gearbox-model, -route and -reason.
 */
class ContentPoliciesThroughGatewayTest {
    static final String CONFIG = """
            providers:
              - {name: sim-frontier, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 10}}
              - {name: sim-mid, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 10}}
              - {name: sim-efficient, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 10}}
            deployments:
              - {model: demo-frontier, provider: sim-frontier}
              - {model: demo-mid, provider: sim-mid}
              - {model: demo-efficient, provider: sim-efficient}
            routing:
              default: auto-rules
              baseline: demo-frontier
              policies:
                - name: auto-rules
                  type: rules
                  overrides:
                    - name: high-stakes
                      when: {high_stakes: true}
                      tier: frontier
                  rules:
                    - name: translate
                      when: {task: [translation, summarization]}
                      tier: efficient
                    - name: hard-math
                      when: {math: true, min_complexity_markers: 1}
                      policy: auto-heuristic
                    - name: python
                      when: {code_language: python}
                      model: demo-mid
                    - name: batch
                      when: {caller_tier: batch}
                      tier: efficient
                  default: {policy: auto-cost}
                - name: auto-heuristic
                  type: heuristic
                  thresholds: {frontier: 0.16, mid: 0.08}
                - name: auto-cost
                  type: cost-aware
                  lambda: 0.1
                - name: auto-quality
                  type: cost-aware
                  lambda: 0.01
            """;
    static final ObjectMapper JSON = new ObjectMapper();
    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(CONFIG);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static HttpResponse<String> ask(String model, String prompt, String... headers) {
        String body = JSON.createObjectNode().put("model", model).set("messages", JSON.createArrayNode()
                .add(JSON.createObjectNode().put("role", "user").put("content", prompt))).toString();
        HttpResponse<String> r = gw.post("/v1/chat/completions", body, headers);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    static String header(HttpResponse<String> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    @Test
    void highStakesOverrideGoesToFrontierBeforeAnyRule() {
        var r = ask("auto", "Translate into French: what is the right insulin dosage for my patient?");
        assertThat(header(r, "x-gearbox-model")).as(header(r, "x-gearbox-reason")).isEqualTo("demo-frontier");
        assertThat(header(r, "x-gearbox-reason")).startsWith("rule override high-stakes -> tier frontier");
    }

    @Test
    void ruleOnTaskType() {
        var r = ask("auto", "Translate into Spanish: the train leaves at nine.");
        assertThat(header(r, "x-gearbox-model")).as(header(r, "x-gearbox-reason")).isEqualTo("demo-efficient");
        assertThat(header(r, "x-gearbox-reason")).contains("rule translate");
    }

    @Test
    void ruleOnCodeLanguageAndCallerTier() {
        var py = ask("auto", "Why is this slow?\n```python\nfor i in range(10**9):\n    pass\n```");
        assertThat(header(py, "x-gearbox-model")).isEqualTo("demo-mid");
        var batch = ask("auto", "Tell me about the moon.", "x-gearbox-tier", "batch");
        assertThat(header(batch, "x-gearbox-model")).isEqualTo("demo-efficient");
        assertThat(header(batch, "x-gearbox-reason")).contains("rule batch");
    }

    @Test
    void heuristicSendsHardPromptsUpAndEasyOnesDown() {
        var hard = ask("auto-heuristic", "Prove step by step, rigorously, that there are infinitely many primes, "
                + "then derive the density of primes below n and analyze the error term in detail.");
        assertThat(header(hard, "x-gearbox-model")).as(header(hard, "x-gearbox-reason")).isEqualTo("demo-frontier");
        assertThat(header(hard, "x-gearbox-route")).isEqualTo("auto-heuristic");
        assertThat(header(hard, "x-gearbox-reason")).matches("complexity 0\\.\\d\\d >= 0\\.16 .* -> tier frontier");
        var easy = ask("auto-heuristic", "hello!");
        assertThat(header(easy, "x-gearbox-model")).as(header(easy, "x-gearbox-reason")).isEqualTo("demo-efficient");
        assertThat(header(easy, "x-gearbox-reason")).contains("-> tier efficient");
    }

    @Test
    void delegationFromRulesToHeuristicNamesBoth() {
        var r = ask("auto", "Solve x^2 - 5x + 6 = 0 step by step and prove the roots are correct.");
        assertThat(header(r, "x-gearbox-route")).isEqualTo("auto-rules>auto-heuristic");
        assertThat(header(r, "x-gearbox-reason")).contains("rule hard-math").contains("complexity");
    }

    @Test
    void costAwarePicksTheCheapModelForEasyAndFrontierForHardAndHonoursTheSla() {
        // lambda 0.1 (quality per cent): an easy prompt goes to the cheapest model; lambda 0.01
        // pays for quality: a hard one goes to frontier unless the caller's SLA rules it out.
        var easy = ask("auto-cost", "What is the capital of France?");
        assertThat(header(easy, "x-gearbox-model")).as(header(easy, "x-gearbox-reason")).isEqualTo("demo-efficient");
        assertThat(header(easy, "x-gearbox-reason")).startsWith("max quality - 0.10 x cents: demo-efficient");
        var hard = ask("auto-quality", "Design a distributed, fault-tolerant rate limiter in detail: analyze the trade-offs, "
                + "prove its correctness step by step, and handle every edge case.\n1. API\n2. Storage\n3. Failure modes");
        assertThat(header(hard, "x-gearbox-model")).as(header(hard, "x-gearbox-reason")).isEqualTo("demo-frontier");
        var fast = ask("auto-quality", "Design a distributed, fault-tolerant rate limiter in detail: analyze the trade-offs, "
                + "prove its correctness step by step, and handle every edge case.\n1. API\n2. Storage\n3. Failure modes",
                "x-gearbox-latency-sla-ms", "20000");
        assertThat(header(fast, "x-gearbox-model")).as(header(fast, "x-gearbox-reason")).isEqualTo("demo-mid");
    }

    @Test
    void aBadSlaHeaderIsAClear400() {
        var r = gw.post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-gearbox-latency-sla-ms", "soon");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("x-gearbox-latency-sla-ms").contains("invalid_header");
    }
}
