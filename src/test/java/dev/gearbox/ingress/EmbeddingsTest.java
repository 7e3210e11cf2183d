package dev.gearbox.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.FakeUpstream.Script;
import dev.gearbox.testing.TestGateway;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/embeddings}: passed to the embedding model's deployments, costed and recorded; never a chat candidate. */
class EmbeddingsTest {
    TestGateway gw;
    FakeUpstream a;
    FakeUpstream b;

    @AfterEach
    void stop() {
        if (gw != null) gw.close();
        if (a != null) a.close();
        if (b != null) b.close();
    }

    @Test
    void anOpenAiEmbeddingsDeploymentAnswersAfterTheFirstOneFails() {
        a = FakeUpstream.start();
        b = FakeUpstream.start();
        a.enqueue(Script.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
        b.enqueue(Script.json(200, """
                {"object":"list","model":"text-embedding-3-small",
                 "data":[{"object":"embedding","index":0,"embedding":[0.1,0.2,0.3]},{"object":"embedding","index":1,"embedding":[0.4,0.5,0.6]}],
                 "usage":{"prompt_tokens":7,"total_tokens":7}}"""));
        gw = TestGateway.start("""
                providers:
                  - {name: one, kind: openai, base_url: %s/v1, api_key: "${KEY_ONE}"}
                  - {name: two, kind: openai, base_url: %s/v1, api_key: "${KEY_TWO}"}
                deployments:
                  - {model: text-embedding-3-small, provider: one}
                  - {model: text-embedding-3-small, provider: two}
                resilience: {balancing: ordered}
                """.formatted(a.baseUrl(), b.baseUrl()), Map.of("KEY_ONE", "sk-1", "KEY_TWO", "sk-2"));
        var r = gw.post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":[\"hello\",\"world\"]}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject out = new JsonObject(r.body());
        assertThat(out.getString("object")).isEqualTo("list");
        assertThat(out.getJsonArray("data").getJsonObject(1).getJsonArray("embedding").getDouble(2)).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(out.getJsonObject("usage").getInteger("prompt_tokens")).isEqualTo(7);
        assertThat(b.last().path()).isEqualTo("/v1/embeddings");
        assertThat(b.last().json().getString("model")).isEqualTo("text-embedding-3-small");
        assertThat(b.last().json().getJsonArray("input")).containsExactly("hello", "world");
        assertThat(b.last().headers().get("authorization")).isEqualTo("Bearer sk-2");
        String id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
        await().until(() -> gw.records().stream().anyMatch(x -> x.requestId().equals(id)));
        var rec = gw.records().stream().filter(x -> x.requestId().equals(id)).findFirst().orElseThrow();
        assertThat(rec.ingress()).isEqualTo("embeddings");
        assertThat(rec.attempts()).hasSize(2);
        assertThat(rec.costUsd()).isCloseTo(7 * 0.02 / 1e6, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void simulatedEmbeddingsAreDeterministicAndEmbeddingModelsAreNeverChatCandidates() {
        gw = TestGateway.start(TestGateway.SIMULATED_FLEET.replace("deployments:\n", "deployments:\n  - {model: text-embedding-3-small, provider: sim-efficient}\n"));
        var one = new JsonObject(gw.post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"same text\"}").body());
        var two = new JsonObject(gw.post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"same text\"}").body());
        assertThat(one.getJsonArray("data").getJsonObject(0).getJsonArray("embedding")).hasSize(256)
                .isEqualTo(two.getJsonArray("data").getJsonObject(0).getJsonArray("embedding"));
        var chat = gw.post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(chat.headers().firstValue("x-gearbox-model").orElseThrow()).startsWith("demo-");
        var direct = gw.post("/v1/chat/completions", "{\"model\":\"text-embedding-3-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(direct.statusCode()).isEqualTo(422);
        assertThat(direct.body()).contains("an embedding model");
        var wrong = gw.post("/v1/embeddings", "{\"model\":\"demo-mid\",\"input\":\"x\"}");
        assertThat(wrong.statusCode()).isEqualTo(404);
        assertThat(wrong.body()).contains("text-embedding-3-small");
        var bad = gw.post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":[1,2,3]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getJsonObject("error").getString("param")).isEqualTo("input[0]");
    }
}
