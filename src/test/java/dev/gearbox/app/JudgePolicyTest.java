package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.ledger.LedgerRecord;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.FakeUpstream.Script;
import dev.gearbox.testing.ReadmeBlocks;
import dev.gearbox.testing.TestGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The judge policy through a real gateway: the judge is a fake OpenAI upstream (so the test sees
 * the judge's request on the wire and scripts its answer), the serving models are simulated.
 */
class JudgePolicyTest {
    FakeUpstream judge;
    TestGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) gw.close();
        if (judge != null) judge.close();
    }

    static String answer(String text) {
        return """
                {"id":"j-1","object":"chat.completion","created":1,"model":"gpt-4.1-nano",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":120,"completion_tokens":6,"total_tokens":126}}"""
                .formatted(dev.gearbox.chat.Json.MAPPER.valueToTree(text).toString());
    }

    void start(Script script, long timeoutMs) {
        judge = FakeUpstream.start();
        judge.enqueue(script);
        gw = TestGateway.start("""
                providers:
                  - name: judge-upstream
                    kind: openai
                    base_url: %s/v1
                    api_key_env: JUDGE_KEY
                  - name: sim
                    kind: simulated
                    options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 20}
                deployments:
                  - {model: gpt-4.1-nano, provider: judge-upstream}
                  - {model: demo-frontier, provider: sim}
                  - {model: demo-mid, provider: sim}
                  - {model: demo-efficient, provider: sim}
                routing:
                  default: judged
                  policies:
                    - name: judged
                      type: judge
                      model: gpt-4.1-nano
                      timeout_ms: %d
                      labels:
                        simple: {model: demo-efficient}
                        moderate: {tier: mid}
                        complex: {tier: frontier}
                      fallback: plain
                    - name: plain
                      type: rules
                      default: {model: demo-mid}
                """.formatted(judge.baseUrl(), timeoutMs), Map.of("JUDGE_KEY", "sk-judge"));
    }

    HttpResponse<String> ask(String text) {
        return gw.post("/v1/chat/completions", """
                {"model":"auto","messages":[{"role":"user","content":"%s"}]}""".formatted(text));
    }

    LedgerRecord record(HttpResponse<String> r) {
        String id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
        await().until(() -> gw.records().stream().anyMatch(x -> x.requestId().equals(id)));
        return gw.records().stream().filter(x -> x.requestId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void complexLabelGoesToTheFrontierAndTheJudgeCallIsBilledAsKindJudge() {
        start(Script.json(200, answer("{\"label\": \"COMPLEX\"}")), 2_000);
        HttpResponse<String> r = ask("Prove that there are infinitely many primes.");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-frontier");
        assertThat(r.headers().firstValue("x-gearbox-reason")).hasValue("judge gpt-4.1-nano: COMPLEX -> tier frontier");
        assertThat(r.headers().firstValue("x-gearbox-attempts")).hasValue("1");

        var sent = judge.last().json();
        assertThat(sent.getString("model")).isEqualTo("gpt-4.1-nano");
        assertThat(sent.getJsonArray("messages").getJsonObject(0).getString("content")).contains("SIMPLE", "MODERATE", "COMPLEX");
        assertThat(sent.getJsonArray("messages").getJsonObject(1).getString("content")).isEqualTo("Prove that there are infinitely many primes.");
        assertThat(sent.getJsonObject("response_format").getString("type")).isEqualTo("json_schema");
        assertThat(judge.last().headers().get("authorization")).isEqualTo("Bearer sk-judge");

        LedgerRecord rec = record(r);
        assertThat(rec.attempts()).extracting(AttemptRecord::kind).containsExactly(AttemptRecord.Kind.JUDGE, AttemptRecord.Kind.SERVE);
        AttemptRecord j = rec.attempts().get(0);
        assertThat(j.model()).isEqualTo("gpt-4.1-nano");
        assertThat(j.usage().inputTokens()).isEqualTo(120);
        assertThat(j.costUsd()).isPositive();
        assertThat(rec.costUsd()).isEqualTo(j.costUsd() + rec.attempts().get(1).costUsd());
        assertThat(rec.servedModel()).isEqualTo("demo-frontier");
    }

    @Test
    void simpleLabelInPlainTextGoesToTheEfficientModel() {
        start(Script.json(200, answer("SIMPLE")), 2_000);
        HttpResponse<String> r = ask("hi");
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-efficient");
    }

    @Test
    void aSlowJudgeTimesOutAndTheFallbackPolicyDecidesSayingSo() {
        start(Script.json(200, answer("COMPLEX")).withFirstByteDelay(Duration.ofSeconds(3)), 150);
        HttpResponse<String> r = ask("Prove that there are infinitely many primes.");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-mid");
        assertThat(r.headers().firstValue("x-gearbox-route")).hasValue("judged>plain");
        assertThat(r.headers().firstValue("x-gearbox-reason").orElseThrow())
                .startsWith("judge timed out after 150 ms -> fallback policy plain; ");
        LedgerRecord rec = record(r);
        AttemptRecord j = rec.attempts().get(0);
        assertThat(j.kind()).isEqualTo(AttemptRecord.Kind.JUDGE);
        assertThat(j.errorClass()).isEqualTo(dev.gearbox.error.ErrorClass.TIMEOUT);
        assertThat(j.usage().outputTokens()).as("billed at worst case").isEqualTo(16);
        assertThat(j.costUsd()).isPositive();
    }

    @Test
    void anUnusableAnswerFallsBackQuotingIt() {
        start(Script.json(200, answer("It depends on what you mean")), 2_000);
        HttpResponse<String> r = ask("hello");
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-mid");
        assertThat(r.headers().firstValue("x-gearbox-reason").orElseThrow())
                .startsWith("judge answer unusable 'It depends on what you mean' -> fallback policy plain");
    }

    @Test
    void aFailingJudgeFallsBack() {
        start(Script.json(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"), 2_000);
        HttpResponse<String> r = ask("hello");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-reason").orElseThrow()).startsWith("judge failed (");
    }

    @Test
    void theReadmeJudgeWithASimulatedModelLabelsAndBills() {
        gw = TestGateway.start(ReadmeBlocks.yaml("judge.yaml"));
        HttpResponse<String> r = ask("Summarise the plot of Hamlet in two sentences.");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-reason").orElseThrow()).matches("judge demo-efficient: (SIMPLE|MODERATE|COMPLEX) -> .*");
        LedgerRecord rec = record(r);
        assertThat(rec.attempts().get(0).kind()).isEqualTo(AttemptRecord.Kind.JUDGE);
        assertThat(rec.attempts().get(0).model()).isEqualTo("demo-efficient");
    }

    @Test
    void aJudgeThatTimesOutFallsBackToASemanticPolicyAndIsCalledOnce() {
        judge = FakeUpstream.start();
        judge.enqueue(Script.json(200, answer("COMPLEX")).withFirstByteDelay(Duration.ofSeconds(3)));
        gw = TestGateway.start("""
                providers:
                  - {name: judge-upstream, kind: openai, base_url: "%s/v1", api_key_env: JUDGE_KEY}
                  - {name: sim, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 20}}
                deployments:
                  - {model: gpt-4.1-nano, provider: judge-upstream}
                  - {model: demo-frontier, provider: sim}
                  - {model: demo-mid, provider: sim}
                  - {model: demo-efficient, provider: sim}
                routing:
                  default: front
                  policies:
                    - name: front
                      type: rules
                      rules:
                        - {name: tagged, when: {tag: judge-me}, policy: judged}
                      default: {model: demo-mid}
                    - name: judged
                      type: judge
                      model: gpt-4.1-nano
                      timeout_ms: 100
                      labels: {simple: {tier: efficient}, moderate: {tier: mid}, complex: {tier: frontier}}
                      fallback: topics
                    - name: topics
                      type: semantic
                      routes:
                        - {name: greetings, utterances: ["hello there", "good morning", "hi, how are you?"], model: demo-efficient}
                      fallback: {tier: frontier}
                """.formatted(judge.baseUrl()), Map.of("JUDGE_KEY", "sk-judge"));
        HttpResponse<String> r = gw.post("/v1/chat/completions", """
                {"model":"auto","messages":[{"role":"user","content":"Hi! Good morning to you."}]}""",
                "x-gearbox-tag", "judge-me");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-efficient");
        assertThat(r.headers().firstValue("x-gearbox-route")).hasValue("front>judged>topics");
        assertThat(r.headers().firstValue("x-gearbox-reason").orElseThrow())
                .contains("judge timed out after 100 ms -> fallback policy topics; route greetings (similarity ");
        assertThat(judge.received()).as("one judge call, not one per round of slow work").hasSize(1);
        HttpResponse<String> untagged = gw.post("/v1/chat/completions", """
                {"model":"auto","messages":[{"role":"user","content":"Hi! Good morning to you."}]}""");
        assertThat(untagged.headers().firstValue("x-gearbox-model")).hasValue("demo-mid");
        assertThat(judge.received()).as("rules that do not reach the judge never call it").hasSize(1);
    }
}
