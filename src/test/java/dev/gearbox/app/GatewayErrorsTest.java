package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.Json;
import dev.gearbox.testing.TestGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear 4xx in OpenAI's error format, never a 500. */
class GatewayErrorsTest {
    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(TestGateway.SIMULATED_FLEET + "server: {max_body_bytes: 4096}\n");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static JsonNode error(java.net.http.HttpResponse<String> r) throws Exception {
        JsonNode e = Json.MAPPER.readTree(r.body()).path("error");
        assertThat(e.isObject()).as("OpenAI error object in %s", r.body()).isTrue();
        assertThat(r.headers().firstValue("x-gearbox-request-id")).isPresent();
        return e;
    }

    @Test
    void malformedJsonNamesThePosition() throws Exception {
        var r = gw.post("/v1/chat/completions", "{\"model\": \"auto\", \"messages\": [ }");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = error(r);
        assertThat(e.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(e.path("message").asText()).contains("line 1").contains("column");
    }

    @Test
    void missingMessagesNamesTheField() throws Exception {
        var r = gw.post("/v1/chat/completions", "{\"model\": \"auto\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = error(r);
        assertThat(e.path("param").asText()).isEqualTo("messages");
        assertThat(e.path("message").asText()).contains("messages");
    }

    @Test
    void wrongTypeNamesTheNestedField() throws Exception {
        var r = gw.post("/v1/chat/completions", """
                {"model":"auto","messages":[{"role":"user","content":"a"},{"role":"user","content":42}]}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).path("param").asText()).isEqualTo("messages[1].content");
    }

    @Test
    void unknownModelIs404WithCloseMatches() throws Exception {
        var r = gw.post("/v1/chat/completions", """
                {"model":"demo-frontir","messages":[{"role":"user","content":"hi"}]}""");
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode e = error(r);
        assertThat(e.path("code").asText()).isEqualTo("model_not_found");
        assertThat(e.path("message").asText()).contains("demo-frontier");
        assertThat(e.path("close_matches").toString()).contains("demo-frontier");
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        String big = "x".repeat(5000);
        var r = gw.post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(error(r).path("code").asText()).isEqualTo("request_too_large");
    }

    @Test
    void unknownPathIs404InOpenAiFormat() throws Exception {
        var r = gw.get("/v1/nothing-here");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(error(r).path("message").asText()).contains("/v1/chat/completions");
    }

    @Test
    void emptyBodyIs400() throws Exception {
        var r = gw.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(400);
        error(r);
    }
}
