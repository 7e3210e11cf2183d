package dev.gearbox.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.testing.FakeUpstream;
import dev.gearbox.testing.FakeUpstream.Script;
import dev.gearbox.testing.TestGateway;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every ingress format against every provider adapter: a request with tools, streamed, crosses
 * intact both ways. The provider is a real fake upstream replaying that provider's own recorded
 * tool-call stream (fixtures); the client's stream must carry the tool calls in the client's format
 * and end the way its SDK expects.
 */
class CrossFormatMatrixTest {
    FakeUpstream upstream;
    TestGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) gw.close();
        if (upstream != null) upstream.close();
    }

    static List<String> sse(String fixture) throws Exception {
        String text = Files.readString(Path.of("src/test/resources/fixtures/" + fixture)).replace("\r\n", "\n");
        List<String> events = new ArrayList<>();
        for (String e : text.split("\n\n")) if (!e.isBlank()) events.add(e.strip());
        return events;
    }

    static final String OPENAI_ASK = """
            {"model":"%s","stream":true,"messages":[{"role":"user","content":"Weather and time in Paris?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},
                      {"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}""";
    static final String RESPONSES_ASK = """
            {"model":"%s","stream":true,"input":"Weather and time in Paris?",
             "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}},
                      {"type":"function","name":"get_time","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}]}""";
    static final String ANTHROPIC_ASK = """
            {"model":"%s","max_tokens":200,"stream":true,"messages":[{"role":"user","content":"Weather and time in Paris?"}],
             "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}},
                      {"name":"get_time","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]}""";

    @ParameterizedTest(name = "{0} client, {1} provider")
    @CsvSource({
            "openai, openai, gpt-4.1-mini, openai/streams/tool_calls.sse",
            "openai, anthropic, claude-sonnet-4-5, anthropic/streams/tool_use.sse",
            "openai, gemini, gemini-2.5-flash, gemini/stream/function-call.sse",
            "openai, simulated, demo-mid, ",
            "anthropic, openai, gpt-4.1-mini, openai/streams/tool_calls.sse",
            "anthropic, anthropic, claude-sonnet-4-5, anthropic/streams/tool_use.sse",
            "anthropic, gemini, gemini-2.5-flash, gemini/stream/function-call.sse",
            "anthropic, simulated, demo-mid, ",
            "responses, openai, gpt-4.1-mini, openai/streams/tool_calls.sse",
            "responses, anthropic, claude-sonnet-4-5, anthropic/streams/tool_use.sse",
            "responses, gemini, gemini-2.5-flash, gemini/stream/function-call.sse",
            "responses, simulated, demo-mid, "})
    void toolsAndAStreamCrossIntact(String client, String provider, String model, String fixture) throws Exception {
        String providers;
        if (provider.equals("simulated")) {
            providers = "  - {name: p, kind: simulated, options: {ttft_ms: 0, tokens_per_second: 100000, output_tokens: 20}}\n";
        } else {
            upstream = FakeUpstream.start();
            upstream.enqueue(Script.sse(sse(fixture)));
            providers = "  - {name: p, kind: " + provider + ", base_url: " + upstream.baseUrl() + (provider.equals("openai") ? "/v1" : "")
                    + "}\n";
        }
        gw = TestGateway.start("providers:\n" + providers + "deployments:\n  - {model: " + model + ", provider: p}\nobserve: {mode: route}\n", Map.of());
        boolean anthropicClient = client.equals("anthropic");
        boolean responsesClient = client.equals("responses");
        String body = (anthropicClient ? ANTHROPIC_ASK : responsesClient ? RESPONSES_ASK : OPENAI_ASK).formatted(model);
        if (provider.equals("simulated")) {
            // the simulated model calls a tool only when the request names one
            String choice = anthropicClient ? "{\"type\":\"tool\",\"name\":\"get_weather\"}"
                    : responsesClient ? "{\"type\":\"function\",\"name\":\"get_weather\"}"
                    : "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}";
            body = body.replace("\"stream\":true,", "\"stream\":true,\"tool_choice\":" + choice + ",");
        }
        var r = gw.post(anthropicClient ? "/v1/messages" : responsesClient ? "/v1/responses" : "/v1/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-gearbox-model")).hasValue(model);

        if (upstream != null) {
            String sent = upstream.last().body();
            assertThat(sent).contains("get_weather").contains("get_time").contains("Weather and time in Paris?");
            if (provider.equals("anthropic")) assertThat(new JsonObject(sent).getJsonArray("tools").getJsonObject(0).containsKey("input_schema")).isTrue();
            if (provider.equals("gemini")) assertThat(sent).contains("functionDeclarations");
            if (provider.equals("openai")) assertThat(new JsonObject(sent).getJsonArray("tools").getJsonObject(0).getString("type")).isEqualTo("function");
        }

        List<String> names = new ArrayList<>();
        StringBuilder args = new StringBuilder();
        if (responsesClient) {
            List<String> events = new ArrayList<>();
            for (String frame : r.body().split("\n\n")) {
                if (frame.isBlank()) continue;
                String event = frame.lines().filter(l -> l.startsWith("event: ")).findFirst().orElseThrow().substring(7);
                JsonObject data = new JsonObject(frame.lines().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow().substring(6));
                assertThat(data.getString("type")).isEqualTo(event);
                events.add(event);
                if (event.equals("response.output_item.added") && data.getJsonObject("item").getString("type").equals("function_call")) {
                    names.add(data.getJsonObject("item").getString("name"));
                }
                if (event.equals("response.function_call_arguments.delta")) args.append(data.getString("delta"));
            }
            assertThat(events.get(0)).isEqualTo("response.created");
            assertThat(events.get(events.size() - 1)).isEqualTo("response.completed");
        } else if (anthropicClient) {
            List<String> events = new ArrayList<>();
            for (String frame : r.body().split("\n\n")) {
                if (frame.isBlank()) continue;
                String event = frame.lines().filter(l -> l.startsWith("event: ")).findFirst().orElseThrow().substring(7);
                JsonObject data = new JsonObject(frame.lines().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow().substring(6));
                events.add(event);
                if (event.equals("content_block_start") && data.getJsonObject("content_block").getString("type").equals("tool_use")) {
                    names.add(data.getJsonObject("content_block").getString("name"));
                }
                if (event.equals("content_block_delta") && data.getJsonObject("delta").getString("type").equals("input_json_delta")) {
                    args.append(data.getJsonObject("delta").getString("partial_json"));
                }
                if (event.equals("message_delta")) assertThat(data.getJsonObject("delta").getString("stop_reason")).isEqualTo("tool_use");
            }
            assertThat(events.get(0)).isEqualTo("message_start");
            assertThat(events.get(events.size() - 1)).isEqualTo("message_stop");
        } else {
            String finish = null;
            for (String frame : r.body().split("\n\n")) {
                if (frame.isBlank() || frame.equals("data: [DONE]")) continue;
                JsonObject chunk = new JsonObject(frame.substring("data: ".length()));
                if (chunk.getJsonArray("choices").isEmpty()) continue;
                JsonObject choice = chunk.getJsonArray("choices").getJsonObject(0);
                JsonObject delta = choice.getJsonObject("delta");
                if (delta != null && delta.getJsonArray("tool_calls") != null) {
                    for (Object o : delta.getJsonArray("tool_calls")) {
                        JsonObject fn = ((JsonObject) o).getJsonObject("function");
                        if (fn != null && fn.getString("name") != null) names.add(fn.getString("name"));
                        if (fn != null && fn.getString("arguments") != null) args.append(fn.getString("arguments"));
                    }
                }
                if (choice.getString("finish_reason") != null) finish = choice.getString("finish_reason");
            }
            assertThat(finish).isEqualTo("tool_calls");
            assertThat(r.body()).endsWith("data: [DONE]\n\n");
        }
        if (provider.equals("simulated")) assertThat(names).containsExactly("get_weather");
        else assertThat(names).containsExactly("get_weather", "get_time");
        assertThat(args.toString()).contains("{");
        if (responsesClient) assertThat(r.body()).doesNotContain("response.failed"); // its envelope always carries "error": null
        else assertThat(r.body()).doesNotContain("\"error\"");
    }
}
