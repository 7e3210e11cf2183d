package dev.gearbox.providers.simulated;

import static dev.gearbox.providers.simulated.Awaits.failure;
import static dev.gearbox.providers.simulated.Awaits.result;
import static dev.gearbox.providers.simulated.Awaits.soon;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.ResponseFormat;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.TokenCounter;
import dev.gearbox.chat.Tool;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.ToolChoice;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.ChunkStream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedAdapterTest {
    private static final Map<String, Object> FAST = Map.of("ttft_ms", 0, "tokens_per_second", 1_000_000);
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    private static SimulatedAdapter adapter(Map<String, Object> options) {
        Map<String, Object> all = new HashMap<>(FAST);
        all.putAll(options);
        return new SimulatedAdapter(vertx, new ProviderConfig("sim", "simulated", null, null, null, all));
    }

    private static Deployment deployment(String upstreamModel) {
        ProviderConfig p = new ProviderConfig("sim", "simulated", null, null, null, null);
        return new Deployment("sim/" + upstreamModel, "catalog-model", upstreamModel, p, 1, 0, 0);
    }

    private static ChatRequest ask(String prompt) {
        return ChatRequest.of("catalog-model", List.of(Message.text(Role.SYSTEM, "Be brief."), Message.text(Role.USER, prompt)));
    }

    private static ChatRequest withTools(String prompt, ToolChoice choice, Tool... tools) {
        return new ChatRequest("catalog-model", List.of(Message.text(Role.USER, prompt)), List.of(tools), choice,
                null, null, null, null, null, null, null, null, false, false, null);
    }

    private static ChatRequest withFormat(String prompt, ResponseFormat format) {
        return new ChatRequest("catalog-model", List.of(Message.text(Role.USER, prompt)), null, null,
                format, null, null, null, null, null, null, null, false, false, null);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not valid JSON: " + text, e);
        }
    }

    private static final Tool WEATHER = new Tool("get_weather", "Forecast for a city", json("""
            {"type": "object",
             "properties": {
               "city": {"type": "string"},
               "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
               "days": {"type": "integer", "minimum": 1, "maximum": 14},
               "detailed": {"type": "boolean"},
               "at": {"$ref": "#/$defs/point"},
               "tags": {"type": "array", "items": {"type": "string"}}
             },
             "required": ["city", "unit", "days", "at", "tags"],
             "$defs": {"point": {"type": "object", "properties": {"lat": {"type": "number"}, "lon": {"type": "number"}},
                                 "required": ["lat", "lon"]}}}
            """), null);
    private static final Tool SEARCH = new Tool("web_search", "Search the web", json("""
            {"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]}
            """), null);

    private static String text(ChatResponse r) {
        return r.firstMessage().text();
    }

    @Test
    void theSamePromptGetsTheSameAnswerAndADifferentPromptOrModelADifferentOne() {
        SimulatedAdapter sim = adapter(Map.of());
        String first = text(result(sim.chat(deployment("m1"), ask("Explain photosynthesis."))));
        String again = text(result(adapter(Map.of()).chat(deployment("m1"), ask("Explain photosynthesis."))));
        String other = text(result(sim.chat(deployment("m1"), ask("Explain gravity."))));
        String otherModel = text(result(sim.chat(deployment("m2"), ask("Explain photosynthesis."))));

        assertThat(first).isEqualTo(again).isNotEqualTo(other).isNotEqualTo(otherModel);
        assertThat(first).matches("[A-Z][A-Za-z ,.\\n]+\\.").contains(" the ");
    }

    @Test
    void answerLengthStaysWithinAQuarterOfOutputTokensAndUsageCountsIt() {
        SimulatedAdapter sim = adapter(Map.of("output_tokens", 120));
        List<Integer> lengths = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ChatRequest request = ask("Question number " + i);
            ChatResponse r = result(sim.chat(deployment("m1"), request));
            int tokens = TokenCounter.count(text(r));
            lengths.add(tokens);
            assertThat(r.usage().outputTokens()).isEqualTo(tokens);
            assertThat(r.usage().inputTokens()).isEqualTo(TokenCounter.count(request.messages()));
            assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        }
        // +/- 25% around 120, with a couple of tokens' slack for how a sentence ends.
        assertThat(lengths).allSatisfy(n -> assertThat(n).isBetween(88, 152));
        assertThat(lengths.stream().distinct().count()).isGreaterThan(3);
    }

    @Test
    void maxTokensCapsTheAnswerAndFinishesWithLength() {
        ChatResponse r = result(adapter(Map.of("output_tokens", 200)).chat(deployment("m1"), ask("Tell me a story.").withMaxTokens(10)));

        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(TokenCounter.count(text(r))).isBetween(8, 10);
        assertThat(r.usage().outputTokens()).isEqualTo(TokenCounter.count(text(r)));
    }

    @Test
    void theResponseNamesTheUpstreamModelAndNumbersItsIds() {
        SimulatedAdapter sim = adapter(Map.of());
        ChatResponse a = result(sim.chat(deployment("gpt-sim-large"), ask("hi")));
        ChatResponse b = result(sim.chat(deployment("gpt-sim-large"), ask("hi")));

        assertThat(a.model()).isEqualTo("gpt-sim-large");
        assertThat(a.id()).isEqualTo("sim-1");
        assertThat(b.id()).isEqualTo("sim-2");
        assertThat(a.firstMessage().role()).isEqualTo(Role.ASSISTANT);
    }

    @Test
    void aRequiredToolChoiceGetsOneCallWithArgumentsMatchingTheSchema() {
        ChatResponse r = result(adapter(Map.of()).chat(deployment("m1"), withTools("Hello", ToolChoice.REQUIRED, WEATHER, SEARCH)));

        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(r.firstMessage().toolCalls()).hasSize(1);
        ToolCall call = r.firstMessage().toolCalls().get(0);
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.id()).startsWith("call_");
        JsonNode args = json(call.arguments());
        assertThat(args.get("city").isTextual()).isTrue();
        assertThat(args.get("unit").asText()).isEqualTo("celsius");
        assertThat(args.get("days").isIntegralNumber()).isTrue();
        assertThat(args.get("days").asInt()).isBetween(1, 14);
        assertThat(args.get("at").get("lat").isNumber()).isTrue();
        assertThat(args.get("at").get("lon").isNumber()).isTrue();
        assertThat(args.get("tags").isArray()).isTrue();
        assertThat(args.get("tags")).isNotEmpty().allSatisfy(t -> assertThat(t.isTextual()).isTrue());
        assertThat(args.has("detailed")).as("only required properties").isFalse();
        assertThat(r.usage().outputTokens()).isEqualTo(TokenCounter.count(call.name()) + TokenCounter.count(call.arguments()));
    }

    @Test
    void aNamedToolChoiceCallsThatTool() {
        ChatResponse r = result(adapter(Map.of()).chat(deployment("m1"), withTools("Hello", ToolChoice.named("web_search"), WEATHER, SEARCH)));

        ToolCall call = r.firstMessage().toolCalls().get(0);
        assertThat(call.name()).isEqualTo("web_search");
        assertThat(json(call.arguments()).get("query").isTextual()).isTrue();
    }

    @Test
    void autoCallsAToolOnlyWhenTheUserMentionsIt() {
        SimulatedAdapter sim = adapter(Map.of());
        ChatResponse mentioned = result(sim.chat(deployment("m1"), withTools("Please use web_search for cats", ToolChoice.AUTO, WEATHER, SEARCH)));
        ChatResponse spaced = result(sim.chat(deployment("m1"), withTools("Can you get weather for Paris?", null, WEATHER, SEARCH)));
        ChatResponse plain = result(sim.chat(deployment("m1"), withTools("Tell me about cats", ToolChoice.AUTO, WEATHER, SEARCH)));
        ChatResponse none = result(sim.chat(deployment("m1"), withTools("Please use web_search", ToolChoice.NONE, WEATHER, SEARCH)));

        assertThat(mentioned.firstMessage().toolCalls()).extracting(ToolCall::name).containsExactly("web_search");
        assertThat(spaced.firstMessage().toolCalls()).extracting(ToolCall::name).containsExactly("get_weather");
        assertThat(plain.firstMessage().toolCalls()).isEmpty();
        assertThat(plain.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(none.firstMessage().toolCalls()).isEmpty();
    }

    @Test
    void aNamedToolThatIsNotOfferedIsABadRequest() {
        GatewayError e = failure(adapter(Map.of()).chat(deployment("m1"), withTools("Hello", ToolChoice.named("nope"), WEATHER)));

        assertThat(e).isInstanceOf(GatewayError.UpstreamError.class);
        assertThat(((GatewayError.UpstreamError) e).errorClass()).isEqualTo(ErrorClass.BAD_REQUEST);
        assertThat(e.getMessage()).contains("'nope'");
    }

    @Test
    void jsonObjectModeAnswersWithAJsonObject() {
        ChatResponse r = result(adapter(Map.of("output_tokens", 60)).chat(deployment("m1"), withFormat("List facts", ResponseFormat.JSON_OBJECT)));

        JsonNode out = json(text(r));
        assertThat(out.isObject()).isTrue();
        assertThat(out.get("answer").isTextual()).isTrue();
    }

    @Test
    void jsonSchemaModeFillsTheRequiredPropertiesWithTheirTypes() {
        ResponseFormat format = new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "person", json("""
                {"type": "object", "properties": {
                   "name": {"type": "string"}, "age": {"type": "integer"}, "score": {"type": "number"},
                   "member": {"type": "boolean"}, "nick": {"type": ["string", "null"]},
                   "role": {"enum": ["admin", "user"]}, "note": {"type": "string"}},
                 "required": ["name", "age", "score", "member", "nick", "role"], "additionalProperties": false}
                """), true);
        ChatResponse r = result(adapter(Map.of()).chat(deployment("m1"), withFormat("Describe someone", format)));

        JsonNode out = json(text(r));
        assertThat(out.get("name").isTextual()).isTrue();
        assertThat(out.get("age").isIntegralNumber()).isTrue();
        assertThat(out.get("score").isNumber()).isTrue();
        assertThat(out.get("member").isBoolean()).isTrue();
        assertThat(out.get("nick").isTextual()).isTrue();
        assertThat(out.get("role").asText()).isEqualTo("admin");
        assertThat(out.has("note")).isFalse();
    }

    @Test
    void anErrorRateOfOneAlwaysFailsWithTheConfiguredClassAfterTheFirstTokenWait() {
        SimulatedAdapter sim = adapter(Map.of("error_rate", 1.0, "error_status", 429, "ttft_ms", 30));
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            GatewayError e = failure(sim.chat(deployment("m1"), ask("q" + i)));
            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(30);
            assertThat(e).isInstanceOf(GatewayError.UpstreamError.class);
            GatewayError.UpstreamError up = (GatewayError.UpstreamError) e;
            assertThat(up.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
            assertThat(up.upstreamStatus()).isEqualTo(429);
            assertThat(up.provider()).isEqualTo("sim");
            assertThat(up.deployment()).isEqualTo("sim/m1");
        }
        GatewayError dflt = failure(adapter(Map.of("error_rate", 1.0)).stream(deployment("m1"), ask("q")));
        assertThat(((GatewayError.UpstreamError) dflt).errorClass()).isEqualTo(ErrorClass.OVERLOADED);
    }

    @Test
    void anErrorRateOfZeroNeverFails() {
        SimulatedAdapter sim = adapter(Map.of("error_rate", 0.0, "output_tokens", 5));
        for (int i = 0; i < 30; i++) assertThat(result(sim.chat(deployment("m1"), ask("q" + i)))).isNotNull();
    }

    @Test
    void theSameSeedGivesTheSameErrorSequence() {
        List<Boolean> a = outcomes(adapter(Map.of("error_rate", 0.5, "seed", 7, "output_tokens", 5)));
        List<Boolean> b = outcomes(adapter(Map.of("error_rate", 0.5, "seed", 7, "output_tokens", 5)));
        List<Boolean> c = outcomes(adapter(Map.of("error_rate", 0.5, "seed", 8, "output_tokens", 5)));

        assertThat(a).isEqualTo(b).contains(true, false).isNotEqualTo(c);
    }

    private static List<Boolean> outcomes(SimulatedAdapter sim) {
        List<Future<ChatResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) calls.add(sim.chat(deployment("m1"), ask("same")));
        soon().until(() -> calls.stream().allMatch(Future::isComplete));
        return calls.stream().map(Future::succeeded).toList();
    }

    @Test
    void chatTakesTheTimeARealModelWould() {
        SimulatedAdapter sim = adapter(Map.of("ttft_ms", 20, "tokens_per_second", 1_000, "output_tokens", 60));
        long started = System.nanoTime();
        ChatResponse r = result(sim.chat(deployment("m1"), ask("How long?")));
        long took = (System.nanoTime() - started) / 1_000_000;

        assertThat(took).isGreaterThanOrEqualTo(20 + r.usage().outputTokens() - 1);
    }

    @Test
    void aStreamConcatenatesToTheNonStreamedAnswerAndEndsWithFinishAndUsage() {
        SimulatedAdapter sim = adapter(Map.of("output_tokens", 80));
        ChatRequest request = ask("Stream this please");
        ChatResponse whole = result(sim.chat(deployment("m1"), request));
        ChunkStream stream = result(sim.stream(deployment("m1"), request.withStream(true)));
        RecordingSink sink = new RecordingSink();
        stream.start(sink);

        soon().until(sink::terminated);
        assertThat(sink.ends).hasValue(1);
        assertThat(sink.errors).isEmpty();
        assertThat(sink.offEventLoop).isFalse();
        assertThat(sink.chunks.get(0).role()).isEqualTo(Role.ASSISTANT);
        assertThat(sink.chunks.size()).isGreaterThan(20);
        assertThat(sink.text()).isEqualTo(text(whole));
        List<ChatChunk> tail = sink.chunks.subList(sink.chunks.size() - 2, sink.chunks.size());
        assertThat(tail.get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(tail.get(1).usage()).isEqualTo(whole.usage());
    }

    @Test
    void aStreamedToolCallCarriesIdAndNameFirstThenTheSameArguments() {
        SimulatedAdapter sim = adapter(Map.of());
        ChatRequest request = withTools("Hello", ToolChoice.REQUIRED, WEATHER);
        ToolCall call = result(sim.chat(deployment("m1"), request)).firstMessage().toolCalls().get(0);
        RecordingSink sink = new RecordingSink();
        result(sim.stream(deployment("m1"), request)).start(sink);

        soon().until(sink::terminated);
        ChatChunk first = sink.chunks.stream().filter(c -> !c.toolCalls().isEmpty()).findFirst().orElseThrow();
        assertThat(first.toolCalls().get(0).id()).isEqualTo(call.id());
        assertThat(first.toolCalls().get(0).name()).isEqualTo("get_weather");
        assertThat(sink.toolArguments()).isEqualTo(call.arguments());
        assertThat(sink.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void aMidStreamFailureDeliversSomeTextThenOneErrorAndNoFinish() {
        SimulatedAdapter sim = adapter(Map.of("mid_stream_failure_rate", 1.0, "output_tokens", 60));
        RecordingSink sink = new RecordingSink();
        result(sim.stream(deployment("m1"), ask("Drop me"))).start(sink);

        soon().until(sink::terminated);
        soon().during(Duration.ofMillis(50)).until(() -> sink.lateCallbacks.get() == 0);
        assertThat(sink.errors).hasSize(1);
        assertThat(sink.ends).hasValue(0);
        assertThat(((GatewayError.UpstreamError) sink.errors.get(0)).errorClass()).isEqualTo(ErrorClass.CONNECTION);
        assertThat(sink.text()).isNotEmpty();
        assertThat(sink.finishReason()).isNull();
        assertThat(sink.usage()).isNull();
    }
}
