package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.chat.Json;
import dev.gearbox.ledger.LedgerRecord;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.FakeUpstream.Script;
import dev.gearbox.testing.ReadmeBlocks;
import dev.gearbox.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cascade through a real gateway: the cheap step is a fake OpenAI upstream scripted to give
 * bad answers, the escalation step a simulated model; assertions are on what crossed the wire.
 */
class CascadeTest {
    FakeUpstream cheap;
    TestGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) gw.close();
        if (cheap != null) cheap.close();
    }

    static String answer(String content, String finish) {
        return """
                {"id":"c-1","object":"chat.completion","created":1,"model":"gpt-4.1-nano",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"%s"}],
                 "usage":{"prompt_tokens":30,"completion_tokens":10,"total_tokens":40}}"""
                .formatted(Json.MAPPER.valueToTree(content).toString(), finish);
    }

    static String toolCall(String name) {
        return """
                {"id":"c-2","object":"chat.completion","created":1,"model":"gpt-4.1-nano",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
                   {"id":"call_1","type":"function","function":{"name":"%s","arguments":"{}"}}]},"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":30,"completion_tokens":10,"total_tokens":40}}""".formatted(name);
    }

    void start(Script script) {
        cheap = FakeUpstream.start();
        cheap.enqueue(script);
        gw = TestGateway.start("""
                providers:
                  - name: cheap-upstream
                    kind: openai
                    base_url: %s/v1
                    api_key_env: CHEAP_KEY
                  - name: sim
                    kind: simulated
                    options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 20}
                deployments:
                  - {model: gpt-4.1-nano, provider: cheap-upstream}
                  - {model: demo-frontier, provider: sim}
                routing:
                  default: cascade
                  policies:
                    - name: cascade
                      type: cascade
                      steps: [gpt-4.1-nano, demo-frontier]
                      checks: [json, refusal, empty, truncated, unknown_tool, confidence]
                      min_confidence: 0.5
                """.formatted(cheap.baseUrl()), Map.of("CHEAP_KEY", "sk-cheap"));
    }

    static final String JSON_ASK = """
            {"model":"auto","messages":[{"role":"user","content":"Extract the name"}],
             "response_format":{"type":"json_object"}}""";
    static final String SCHEMA_ASK = """
            {"model":"auto","messages":[{"role":"user","content":"Extract the name"}],
             "response_format":{"type":"json_schema","json_schema":{"name":"person","strict":true,"schema":
               {"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}}}}""";
    static final String PLAIN_ASK = """
            {"model":"auto","messages":[{"role":"user","content":"What is the capital of France?"}]}""";

    LedgerRecord record(HttpResponse<String> r) {
        String id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
        await().until(() -> gw.records().stream().anyMatch(x -> x.requestId().equals(id)));
        return gw.records().stream().filter(x -> x.requestId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void invalidJsonEscalatesAndBothAttemptsAreBilledAndCounted() {
        start(Script.json(200, answer("name: Ada", "stop")));
        HttpResponse<String> r = gw.post("/v1/chat/completions", JSON_ASK);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-escalated")).hasValue("json_invalid");
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-frontier");
        assertThat(r.headers().firstValue("x-gearbox-attempts")).hasValue("2");
        assertThat(r.headers().firstValue("x-gearbox-route")).hasValue("cascade");
        String content = new io.vertx.core.json.JsonObject(r.body()).getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content");
        assertThat(new io.vertx.core.json.JsonObject(content)).isNotNull();
        assertThat(cheap.received()).hasSize(1);
        assertThat(cheap.last().json().getString("model")).isEqualTo("gpt-4.1-nano");

        LedgerRecord rec = record(r);
        assertThat(rec.attempts()).extracting(AttemptRecord::model).containsExactly("gpt-4.1-nano", "demo-frontier");
        assertThat(rec.attempts().get(0).costUsd()).isPositive();
        assertThat(rec.costUsd()).isEqualTo(rec.attempts().get(0).costUsd() + rec.attempts().get(1).costUsd());
        assertThat(rec.servedModel()).isEqualTo("demo-frontier");
        assertThat(gw.gateway().escalations().count("cascade", "json_invalid")).isEqualTo(1);
    }

    @Test
    void aSchemaMismatchEscalates() {
        start(Script.json(200, answer("{\"name\": 42}", "stop")));
        HttpResponse<String> r = gw.post("/v1/chat/completions", SCHEMA_ASK);
        assertThat(r.headers().firstValue("x-gearbox-escalated")).hasValue("schema_mismatch");
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-frontier");
    }

    @Test
    void aGoodCheapAnswerIsServedWithoutEscalation() {
        start(Script.json(200, answer("{\"name\": \"Ada\"}", "stop")));
        HttpResponse<String> r = gw.post("/v1/chat/completions", SCHEMA_ASK);
        assertThat(r.headers().firstValue("x-gearbox-escalated")).isEmpty();
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("gpt-4.1-nano");
        assertThat(r.headers().firstValue("x-gearbox-attempts")).hasValue("1");
        assertThat(r.body()).contains("{\\\"name\\\": \\\"Ada\\\"}");
    }

    @Test
    void refusalTruncationEmptyUnknownToolAndLowConfidenceEachEscalate() {
        record Case(Script script, String body, String check) {}
        List<Case> cases = List.of(
                new Case(Script.json(200, answer("I'm sorry, but I can't help with that request.", "stop")), PLAIN_ASK, "refusal"),
                new Case(Script.json(200, answer("The capital of France is", "length")), PLAIN_ASK, "truncated"),
                new Case(Script.json(200, answer("", "stop")), PLAIN_ASK, "empty"),
                new Case(Script.json(200, answer("Paris. Confidence: 20%", "stop")), PLAIN_ASK, "low_confidence"),
                new Case(Script.json(200, toolCall("delete_everything")), """
                        {"model":"auto","messages":[{"role":"user","content":"weather in Paris?"}],
                         "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}""",
                        "unknown_tool"));
        for (Case c : cases) {
            start(c.script());
            HttpResponse<String> r = gw.post("/v1/chat/completions", c.body());
            assertThat(r.statusCode()).as(c.check()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-gearbox-escalated")).as(c.check()).hasValue(c.check());
            assertThat(r.headers().firstValue("x-gearbox-model")).as(c.check()).hasValue("demo-frontier");
            stop();
        }
        gw = null;
        cheap = null;
    }

    @Test
    void streamedCheapAnswerIsCheckedThenSentAsSse() {
        start(Script.json(200, answer("{\"name\": \"Ada\"}", "stop")));
        HttpResponse<String> r = gw.post("/v1/chat/completions", SCHEMA_ASK.replace("\"model\":\"auto\",", "\"model\":\"auto\",\"stream\":true,"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("gpt-4.1-nano");
        assertThat(cheap.last().json().getBoolean("stream", false)).as("the cheap step is called unstreamed").isFalse();
        assertThat(r.body()).contains("\"role\":\"assistant\"").contains("\\\"Ada\\\"").contains("\"finish_reason\":\"stop\"")
                .endsWith("data: [DONE]\n\n");
    }

    @Test
    void streamedEscalationStreamsTheLastStepLive() {
        start(Script.json(200, answer("not json", "stop")));
        HttpResponse<String> r = gw.post("/v1/chat/completions", JSON_ASK.replace("\"model\":\"auto\",", "\"model\":\"auto\",\"stream\":true,"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-escalated")).hasValue("json_invalid");
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-frontier");
        assertThat(r.body().split("\n\n").length).as("many SSE events: a live stream").isGreaterThan(5);
        assertThat(r.body()).endsWith("data: [DONE]\n\n");
        LedgerRecord rec = record(r);
        assertThat(rec.attempts()).extracting(AttemptRecord::model).containsExactly("gpt-4.1-nano", "demo-frontier");
        assertThat(rec.attempts().get(1).usage().outputTokens()).isPositive();
    }

    @Test
    void theReadmeCascadeEscalatesTruncatedAnswersToTheLastStep() {
        gw = TestGateway.start(ReadmeBlocks.yaml("cascade.yaml"));
        HttpResponse<String> r = gw.post("/v1/chat/completions", """
                {"model":"auto","max_tokens":3,"messages":[{"role":"user","content":"Write a poem about the sea"}]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-escalated")).hasValue("truncated,truncated");
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-frontier");
        assertThat(r.headers().firstValue("x-gearbox-attempts")).hasValue("3");
        HttpResponse<String> ok = gw.post("/v1/chat/completions", """
                {"model":"auto","messages":[{"role":"user","content":"Write a poem about the sea"}]}""");
        assertThat(ok.headers().firstValue("x-gearbox-model")).hasValue("demo-efficient");
        assertThat(ok.headers().firstValue("x-gearbox-escalated")).isEmpty();
    }
}
