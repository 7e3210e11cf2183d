package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.Json;
import dev.gearbox.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drives a running gateway over HTTP and asserts on what came back over the wire. */
class GatewayWireTest {
    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(TestGateway.SIMULATED_FLEET);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void autoChatCompletionIsRoutedAndCarriesTheGearboxHeaders() throws Exception {
        var r = gw.post("/v1/chat/completions", """
                {"model":"auto","messages":[{"role":"user","content":"Say hello"}]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-request-id")).get().asString().startsWith("gbx-");
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-mid");
        assertThat(r.headers().firstValue("x-gearbox-provider")).hasValue("sim-mid");
        assertThat(r.headers().firstValue("x-gearbox-route")).hasValue("auto-rules");
        assertThat(r.headers().firstValue("x-gearbox-reason")).get().asString().contains("default");
        JsonNode body = json(r);
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("model").asText()).isEqualTo("demo-mid");
        assertThat(body.path("choices").get(0).path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(body.path("choices").get(0).path("message").path("content").asText()).isNotBlank();
        assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isPositive();
        assertThat(body.path("usage").path("completion_tokens").asInt()).isPositive();
        String id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
        await().until(() -> gw.records().stream().anyMatch(x -> x.requestId().equals(id)));
        var rec = gw.records().stream().filter(x -> x.requestId().equals(id)).findFirst().orElseThrow();
        assertThat(rec.servedModel()).isEqualTo("demo-mid");
        assertThat(rec.costUsd()).isPositive();
        assertThat(rec.baselineCostUsd()).isGreaterThan(rec.costUsd());
        assertThat(rec.decision().policyId()).isEqualTo("auto-rules");
    }

    @Test
    void rulesRouteByTagMetadataAndSignals() {
        var tagged = gw.post("/v1/chat/completions", """
                {"model":"auto","messages":[{"role":"user","content":"Summarize: the cat sat."}]}""",
                "x-gearbox-tag", "summarize");
        assertThat(tagged.headers().firstValue("x-gearbox-model")).hasValue("demo-efficient");
        assertThat(tagged.headers().firstValue("x-gearbox-reason")).get().asString().contains("rule light");

        var meta = gw.post("/v1/chat/completions", """
                {"model":"auto","metadata":{"feature":"code_review"},"messages":[{"role":"user","content":"Look"}]}""");
        assertThat(meta.headers().firstValue("x-gearbox-model")).hasValue("demo-frontier");

        var code = gw.post("/v1/chat/completions", """
                {"model":"auto","messages":[{"role":"user","content":"Fix:\\n```python\\nprint(1\\n```"}]}""");
        assertThat(code.headers().firstValue("x-gearbox-model")).hasValue("demo-frontier");
        assertThat(code.headers().firstValue("x-gearbox-reason")).get().asString().contains("rule code");
    }

    @Test
    void aliasesAndExplicitModelsGoStraightThere() {
        var alias = gw.post("/v1/chat/completions", """
                {"model":"smart","messages":[{"role":"user","content":"hi"}]}""");
        assertThat(alias.statusCode()).isEqualTo(200);
        assertThat(alias.headers().firstValue("x-gearbox-model")).hasValue("demo-frontier");
        assertThat(alias.headers().firstValue("x-gearbox-route")).hasValue("alias");
        var direct = gw.post("/v1/chat/completions", """
                {"model":"demo-efficient","messages":[{"role":"user","content":"hi"}]}""");
        assertThat(direct.headers().firstValue("x-gearbox-model")).hasValue("demo-efficient");
        assertThat(direct.headers().firstValue("x-gearbox-route")).hasValue("explicit");
    }

    @Test
    void streamingSendsRoleDeltasUsageAndDone() throws Exception {
        var r = gw.post("/v1/chat/completions", """
                {"model":"auto","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"Tell me a story"}]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).get().asString().startsWith("text/event-stream");
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-mid");
        List<String> events = events(r.body());
        assertThat(events).last().isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String e : events.subList(0, events.size() - 1)) chunks.add(Json.MAPPER.readTree(e));
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
        assertThat(chunks.get(0).path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        for (JsonNode c : chunks) {
            if (c.path("choices").size() > 0) text.append(c.path("choices").get(0).path("delta").path("content").asText(""));
        }
        assertThat(text.toString()).isNotBlank();
        assertThat(chunks.stream().anyMatch(c -> c.path("choices").size() > 0
                && "stop".equals(c.path("choices").get(0).path("finish_reason").asText()))).isTrue();
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.path("choices").size()).isZero();
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isPositive();
    }

    @Test
    void streamingWithoutIncludeUsageSendsNoUsageChunk() throws Exception {
        var r = gw.post("/v1/chat/completions", """
                {"model":"auto","stream":true,"messages":[{"role":"user","content":"Tell me a story"}]}""");
        List<String> events = events(r.body());
        assertThat(events).last().isEqualTo("[DONE]");
        for (String e : events.subList(0, events.size() - 1)) {
            assertThat(Json.MAPPER.readTree(e).has("usage") && !Json.MAPPER.readTree(e).path("usage").isNull()).isFalse();
        }
        String id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
        await().until(() -> gw.records().stream().anyMatch(x -> x.requestId().equals(id)));
        var rec = gw.records().stream().filter(x -> x.requestId().equals(id)).findFirst().orElseThrow();
        assertThat(rec.usage().outputTokens()).as("usage is still accounted").isPositive();
    }

    @Test
    void modelsListsAutoPoliciesAliasesAndServedModels() throws Exception {
        var r = gw.get("/v1/models");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("object").asText()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        body.path("data").forEach(m -> ids.add(m.path("id").asText()));
        assertThat(ids).contains("auto", "auto-rules", "smart", "demo-frontier", "demo-mid", "demo-efficient");
    }

    @Test
    void healthz() {
        var r = gw.get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("ok");
    }

    static List<String> events(String sse) {
        List<String> out = new ArrayList<>();
        for (String block : sse.split("\n\n")) {
            if (block.startsWith("data: ")) out.add(block.substring(6));
        }
        return out;
    }
}
