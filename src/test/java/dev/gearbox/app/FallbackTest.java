package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.chat.Json;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.FakeUpstream.Script;
import dev.gearbox.testing.TestGateway;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway falls back across candidates before the first byte, and only for retriable error classes. */
class FallbackTest {
    FakeUpstream primary;
    TestGateway gw;

    static final String OK = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4.1-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"from primary"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""";

    @BeforeEach
    void start() {
        primary = FakeUpstream.start();
        gw = TestGateway.start("""
                providers:
                  - name: upstream
                    kind: openai
                    base_url: %s/v1
                    api_key_env: TEST_UPSTREAM_KEY
                  - name: backup
                    kind: simulated
                    options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 10}
                deployments:
                  - {model: gpt-4.1-mini, provider: upstream}
                  - {model: demo-mid, provider: backup}
                routing:
                  default: chain
                  policies:
                    - name: chain
                      type: rules
                      default: {model: gpt-4.1-mini, fallbacks: [demo-mid]}
                """.formatted(primary.baseUrl()), java.util.Map.of("TEST_UPSTREAM_KEY", "sk-test-secret-123"));
    }

    @AfterEach
    void stop() {
        gw.close();
        primary.close();
    }

    static final String ASK = """
            {"model":"auto","messages":[{"role":"user","content":"hi"}]}""";

    @Test
    void primaryAnswersAndSeesOurKeyAndTheUpstreamModel() throws Exception {
        primary.enqueue(Script.json(200, OK));
        var r = gw.post("/v1/chat/completions", ASK);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("gpt-4.1-mini");
        assertThat(Json.MAPPER.readTree(r.body()).at("/choices/0/message/content").asText()).isEqualTo("from primary");
        assertThat(primary.last().path()).isEqualTo("/v1/chat/completions");
        assertThat(primary.last().headers().get("authorization")).isEqualTo("Bearer sk-test-secret-123");
        assertThat(primary.last().json().getString("model")).isEqualTo("gpt-4.1-mini");
    }

    @Test
    void fieldsGearboxDoesNotModelArePassedThrough() {
        primary.enqueue(Script.json(200, OK));
        var r = gw.post("/v1/chat/completions", """
                {"model":"auto","messages":[{"role":"user","content":"hi"}],
                 "logprobs":true,"top_logprobs":2,"presence_penalty":0.5,"reasoning_effort":"low","x_custom":{"a":[1,2]}}""");
        assertThat(r.statusCode()).isEqualTo(200);
        var sent = primary.last().json();
        assertThat(sent.getBoolean("logprobs")).isTrue();
        assertThat(sent.getInteger("top_logprobs")).isEqualTo(2);
        assertThat(sent.getDouble("presence_penalty")).isEqualTo(0.5);
        assertThat(sent.getString("reasoning_effort")).isEqualTo("low");
        assertThat(sent.getJsonObject("x_custom").encode()).isEqualTo("{\"a\":[1,2]}");
    }

    @Test
    void a503FallsBackToTheNextCandidate() {
        primary.enqueue(Script.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
        var r = gw.post("/v1/chat/completions", ASK);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-mid");
        assertThat(r.headers().firstValue("x-gearbox-attempts")).hasValue("2");
        String id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
        await().until(() -> gw.records().stream().anyMatch(x -> x.requestId().equals(id)));
        var rec = gw.records().stream().filter(x -> x.requestId().equals(id)).findFirst().orElseThrow();
        assertThat(rec.attempts()).hasSize(2);
        assertThat(rec.attempts().get(0).errorClass()).isEqualTo(ErrorClass.OVERLOADED);
        assertThat(rec.attempts().get(1).errorClass()).isNull();
    }

    @Test
    void a400IsReturnedToTheClientWithoutFallback() throws Exception {
        primary.enqueue(Script.json(400, "{\"error\":{\"message\":\"bad temperature\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":null}}"));
        var r = gw.post("/v1/chat/completions", ASK);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).at("/error/message").asText()).contains("bad temperature");
        assertThat(r.body()).doesNotContain("sk-test-secret-123");
        assertThat(primary.received()).hasSize(1);
    }

    @Test
    void connectionResetBeforeAnyByteFallsBackForAStream() {
        primary.enqueue(Script.reset());
        var r = gw.post("/v1/chat/completions", """
                {"model":"auto","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("demo-mid");
        assertThat(r.body()).endsWith("data: [DONE]\n\n");
    }

    @Test
    void aStreamThatDiesAfterTheFirstChunkEndsWithAnErrorEventNotDone() {
        primary.enqueue(Script.sse(List.of(
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}",
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":null}]}",
                "data: [DONE]")).droppingAfter(2));
        var r = gw.post("/v1/chat/completions", """
                {"model":"auto","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue("gpt-4.1-mini");
        assertThat(r.body()).contains("Hel").contains("\"error\"").doesNotContain("[DONE]");
    }
}
