package dev.gearbox.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.FakeUpstream.Script;
import dev.gearbox.testing.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/messages} in Anthropic's wire format, served by an OpenAI-format provider (a real
 * fake upstream) and by simulated models: the request crosses formats intact (system, tools,
 * tool_choice, tool results, stop sequences), answers and streams come back in Anthropic's shapes,
 * and errors use Anthropic's error shape.
 */
class MessagesIngressTest {
    static final String OPENAI_TOOL_ANSWER = """
            {"id":"c","object":"chat.completion","created":1,"model":"gpt-4.1-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,
               "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
               "finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":40,"completion_tokens":9,"total_tokens":49,"prompt_tokens_details":{"cached_tokens":8}}}""";
    static final String ASK_TOOLS = """
            {"model":"gpt-4.1-mini","max_tokens":256,"system":[{"type":"text","text":"You are terse.","cache_control":{"type":"ephemeral"}}],
             "stop_sequences":["STOP"],
             "tools":[{"name":"get_weather","description":"Weather by city","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
             "tool_choice":{"type":"tool","name":"get_weather"},
             "messages":[{"role":"user","content":"Weather in Paris?"},
                         {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Lyon"}}]},
                         {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"12C"},{"type":"text","text":"And Paris?"}]}]}""";

    FakeUpstream upstream;
    TestGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) gw.close();
        if (upstream != null) upstream.close();
    }

    void startWithOpenAiUpstream() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start("""
                providers:
                  - {name: openai, kind: openai, base_url: %s/v1, api_key_env: K}
                deployments:
                  - {model: gpt-4.1-mini, provider: openai}
                observe: {mode: route}
                """.formatted(upstream.baseUrl()), Map.of("K", "sk-k"));
    }

    @Test
    void anAnthropicRequestWithToolsIsServedByAnOpenAiModel() {
        startWithOpenAiUpstream();
        upstream.enqueue(Script.json(200, OPENAI_TOOL_ANSWER));
        var r = gw.post("/v1/messages", ASK_TOOLS, "anthropic-version", "2023-06-01");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject sent = upstream.last().json();
        JsonArray msgs = sent.getJsonArray("messages");
        assertThat(msgs.getJsonObject(0).getString("role")).isEqualTo("system");
        assertThat(msgs.getJsonObject(2).getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function").getString("name")).isEqualTo("get_weather");
        assertThat(msgs.getJsonObject(3).getString("role")).isEqualTo("tool");
        assertThat(msgs.getJsonObject(3).getString("tool_call_id")).isEqualTo("toolu_1");
        assertThat(sent.getJsonArray("tools").getJsonObject(0).getJsonObject("function").getJsonObject("parameters").getJsonArray("required"))
                .containsExactly("city");
        assertThat(sent.getJsonObject("tool_choice").getJsonObject("function").getString("name")).isEqualTo("get_weather");
        assertThat(sent.getJsonArray("stop")).containsExactly("STOP");

        JsonObject m = new JsonObject(r.body());
        assertThat(m.getString("type")).isEqualTo("message");
        assertThat(m.getString("id")).startsWith("msg_");
        assertThat(m.getString("role")).isEqualTo("assistant");
        assertThat(m.getString("stop_reason")).isEqualTo("tool_use");
        JsonObject block = m.getJsonArray("content").getJsonObject(0);
        assertThat(block.getString("type")).isEqualTo("tool_use");
        assertThat(block.getString("id")).isEqualTo("call_1");
        assertThat(block.getJsonObject("input").getString("city")).isEqualTo("Paris");
        JsonObject usage = m.getJsonObject("usage");
        assertThat(usage.getInteger("input_tokens")).isEqualTo(32);           // 40 less the 8 read from cache
        assertThat(usage.getInteger("cache_read_input_tokens")).isEqualTo(8);
        assertThat(usage.getInteger("output_tokens")).isEqualTo(9);
    }

    @Test
    void cacheControlReachesAnAnthropicProviderAndCacheReadsComeBack() throws Exception {
        upstream = FakeUpstream.start();
        upstream.enqueue(Script.json(200, """
                {"id":"msg_up","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"text","text":"Cached hello."}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":12,"output_tokens":4,"cache_read_input_tokens":1800,"cache_creation_input_tokens":0}}"""));
        gw = TestGateway.start("""
                providers:
                  - {name: anthropic, kind: anthropic, base_url: %s}
                deployments:
                  - {model: claude-sonnet-4-5, provider: anthropic}
                observe: {mode: route}
                """.formatted(upstream.baseUrl()), Map.of());
        var r = gw.post("/v1/messages", """
                {"model":"claude-sonnet-4-5","max_tokens":64,
                 "system":[{"type":"text","text":"A long shared preamble.","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hello","cache_control":{"type":"ephemeral"}}]}]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject sent = upstream.last().json();
        assertThat(sent.getJsonArray("system").getJsonObject(0).getJsonObject("cache_control").getString("type")).isEqualTo("ephemeral");
        assertThat(sent.getJsonArray("messages").getJsonObject(0).getJsonArray("content").getJsonObject(0).containsKey("cache_control")).isTrue();
        JsonObject usage = new JsonObject(r.body()).getJsonObject("usage");
        assertThat(usage.getInteger("cache_read_input_tokens")).isEqualTo(1800);
        assertThat(usage.getInteger("input_tokens")).isEqualTo(12);
        String id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
        org.awaitility.Awaitility.await().until(() -> gw.records().stream().anyMatch(x -> x.requestId().equals(id)));
        var rec = gw.records().stream().filter(x -> x.requestId().equals(id)).findFirst().orElseThrow();
        assertThat(rec.usage().cachedInputTokens()).isEqualTo(1800);   // carried to the ledger, priced as cache reads
    }

    @Test
    void aStreamComesBackAsAnthropicEventsInOrder() {
        gw = TestGateway.start(TestGateway.SIMULATED_FLEET);
        var r = gw.post("/v1/messages", """
                {"model":"demo-mid","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Say hello"}]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
        List<String> events = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String frame : r.body().split("\n\n")) {
            String name = frame.lines().filter(l -> l.startsWith("event: ")).findFirst().orElseThrow().substring(7);
            JsonObject data = new JsonObject(frame.lines().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow().substring(6));
            assertThat(data.getString("type")).isEqualTo(name);
            events.add(name);
            if (name.equals("content_block_delta")) text.append(data.getJsonObject("delta").getString("text"));
            if (name.equals("message_delta")) {
                assertThat(data.getJsonObject("delta").getString("stop_reason")).isEqualTo("end_turn");
                assertThat(data.getJsonObject("usage").getInteger("output_tokens")).isPositive();
            }
        }
        assertThat(events.get(0)).isEqualTo("message_start");
        assertThat(events.get(1)).isEqualTo("content_block_start");
        assertThat(events.subList(events.size() - 3, events.size())).containsExactly("content_block_stop", "message_delta", "message_stop");
        assertThat(events).doesNotContain("error");
        assertThat(text).isNotEmpty();
    }

    @Test
    void errorsUseAnthropicsErrorShape() {
        gw = TestGateway.start(TestGateway.SIMULATED_FLEET);
        var noMax = gw.post("/v1/messages", "{\"model\":\"demo-mid\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(noMax.statusCode()).isEqualTo(400);
        JsonObject e = new JsonObject(noMax.body());
        assertThat(e.getString("type")).isEqualTo("error");
        assertThat(e.getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
        assertThat(e.getJsonObject("error").getString("message")).contains("max_tokens");
        var badRole = gw.post("/v1/messages", "{\"model\":\"demo-mid\",\"max_tokens\":5,\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}");
        assertThat(new JsonObject(badRole.body()).getJsonObject("error").getString("message")).contains("messages.0.role");
        var unknown = gw.post("/v1/messages", "{\"model\":\"no-such\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(unknown.body()).getJsonObject("error").getString("type")).isEqualTo("not_found_error");
        var notJson = gw.post("/v1/messages", "{oops");
        assertThat(new JsonObject(notJson.body()).getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
    }

    @Test
    void autoRoutesAnthropicRequestsLikeAnyOther() {
        gw = TestGateway.start(TestGateway.SIMULATED_FLEET);
        var r = gw.post("/v1/messages", "{\"model\":\"auto\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Summarize: cats sleep a lot.\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-route")).hasValue("auto-rules");
        JsonObject m = new JsonObject(r.body());
        assertThat(m.getJsonArray("content").getJsonObject(0).getString("type")).isEqualTo("text");
        String id = r.headers().firstValue("x-gearbox-request-id").orElseThrow();
        org.awaitility.Awaitility.await().until(() -> gw.records().stream().anyMatch(x -> x.requestId().equals(id)));
        assertThat(gw.records().stream().filter(x -> x.requestId().equals(id)).findFirst().orElseThrow().ingress()).isEqualTo("anthropic");
    }
}
