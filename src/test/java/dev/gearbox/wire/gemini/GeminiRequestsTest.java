package dev.gearbox.wire.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ContentPart;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.ResponseFormat;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.Tool;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.ToolChoice;
import dev.gearbox.error.GatewayError;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiRequestsTest {

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("system-and-text", systemAndText()),
                Arguments.of("images", images()),
                Arguments.of("tool-round-trip", toolRoundTrip()),
                Arguments.of("json-schema", jsonSchema()),
                Arguments.of("json-object", request(List.of(user("Reply in JSON.")), null, null, ResponseFormat.JSON_OBJECT)),
                Arguments.of("generation-config", generationConfig()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void body_matches_fixture(String fixture, ChatRequest request) {
        JsonNode body = GeminiRequests.body(request);

        assertThat(body).isEqualTo(GeminiFixtures.json("request/" + fixture + ".json"));
    }

    static Stream<Arguments> toolChoices() {
        return Stream.of(
                Arguments.of(ToolChoice.AUTO, "{\"functionCallingConfig\":{\"mode\":\"AUTO\"}}"),
                Arguments.of(ToolChoice.NONE, "{\"functionCallingConfig\":{\"mode\":\"NONE\"}}"),
                Arguments.of(ToolChoice.REQUIRED, "{\"functionCallingConfig\":{\"mode\":\"ANY\"}}"),
                Arguments.of(ToolChoice.named("get_weather"),
                        "{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"get_weather\"]}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toolChoices")
    void tool_choice_becomes_function_calling_config(ToolChoice choice, String expected) throws Exception {
        ChatRequest r = request(List.of(user("hi")), List.of(weatherTool()), choice, null);

        assertThat(GeminiRequests.body(r).get("toolConfig")).isEqualTo(Json.MAPPER.readTree(expected));
    }

    @Test
    void no_tool_config_without_tools_or_choice() {
        assertThat(GeminiRequests.body(request(List.of(user("hi")), null, ToolChoice.REQUIRED, null)).has("toolConfig")).isFalse();
        assertThat(GeminiRequests.body(request(List.of(user("hi")), List.of(weatherTool()), null, null)).has("toolConfig")).isFalse();
    }

    @Test
    void invalid_tool_arguments_are_a_bad_request_naming_the_message() {
        Message call = new Message(Role.ASSISTANT, null, null, List.of(new ToolCall("call_1", "get_weather", "{\"city\": ")), null);
        ChatRequest r = request(List.of(user("hi"), call), null, null, null);

        assertThatThrownBy(() -> GeminiRequests.body(r))
                .isInstanceOfSatisfying(GatewayError.BadRequest.class, e -> {
                    assertThat(e.getMessage()).contains("messages[1]").contains("call_1");
                    assertThat(e.param()).isEqualTo("messages[1].tool_calls[0].function.arguments");
                });
    }

    @Test
    void non_object_tool_arguments_are_a_bad_request() {
        Message call = new Message(Role.ASSISTANT, null, null, List.of(new ToolCall("call_1", "get_weather", "[1, 2]")), null);

        assertThatThrownBy(() -> GeminiRequests.body(request(List.of(user("hi"), call), null, null, null)))
                .isInstanceOf(GatewayError.BadRequest.class);
    }

    @Test
    void tool_result_for_an_unknown_call_is_a_bad_request() {
        ChatRequest r = request(List.of(user("hi"), toolResult("call_zz", "42")), null, null, null);

        assertThatThrownBy(() -> GeminiRequests.body(r))
                .isInstanceOfSatisfying(GatewayError.BadRequest.class, e -> {
                    assertThat(e.getMessage()).contains("messages[1]").contains("call_zz");
                    assertThat(e.param()).isEqualTo("messages[1].tool_call_id");
                });
    }

    @Test
    void tool_result_without_a_known_call_falls_back_to_its_own_name() {
        Message legacy = new Message(Role.TOOL, List.of(new ContentPart.Text("42")), "lookup", null, null);

        JsonNode body = GeminiRequests.body(request(List.of(user("hi"), legacy), null, null, null));

        assertThat(body.at("/contents/0/parts/1/functionResponse/name").asText()).isEqualTo("lookup");
        assertThat(body.at("/contents/0/parts/1/functionResponse/response/result").asInt()).isEqualTo(42);
    }

    @Test
    void text_with_trailing_words_stays_text_in_a_tool_result() {
        assertThat(GeminiContents.response("42 degrees").get("result").asText()).isEqualTo("42 degrees");
        assertThat(GeminiContents.response("{\"a\":1}").get("a").asInt()).isEqualTo(1);
        assertThat(GeminiContents.response("").get("result").asText()).isEmpty();
    }

    @Test
    void a_wide_seed_is_folded_to_32_bits_deterministically() {
        assertThat(GeminiRequests.seed32(42)).isEqualTo(42);
        assertThat(GeminiRequests.seed32(-7)).isEqualTo(-7);
        long wide = 0x1_0000_0005L;
        assertThat(GeminiRequests.seed32(wide)).isEqualTo(4).isEqualTo(GeminiRequests.seed32(wide));
    }

    // --- the requests behind the fixtures ---

    private static ChatRequest systemAndText() {
        return request(List.of(
                Message.text(Role.SYSTEM, "You are terse."),
                Message.text(Role.DEVELOPER, "Answer in French."),
                user("Hello"),
                Message.text(Role.ASSISTANT, "Bonjour"),
                user("How are you?"),
                user("Be brief."),
                user("")), null, null, null);
    }

    private static ChatRequest images() {
        Message m = new Message(Role.USER, List.of(
                new ContentPart.Text("What is in these pictures?"),
                new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", "high"),
                new ContentPart.Image("https://example.com/cat.webp?size=large", null),
                new ContentPart.Image("https://example.com/photo", "low")), null, null, null);
        return request(List.of(m), null, null, null);
    }

    private static ChatRequest toolRoundTrip() {
        Message firstCalls = new Message(Role.ASSISTANT, List.of(new ContentPart.Text("Let me check.")), null, List.of(
                new ToolCall("call_0", "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("call_1", "get_time", "{\"city\":\"Oslo\",\"utc\":true}")), null);
        // The next turn reuses id call_1 for another function: a result must name the nearest call.
        Message secondCall = new Message(Role.ASSISTANT, null, null, List.of(new ToolCall("call_1", "get_weather", "")), null);
        List<Message> messages = List.of(
                user("Weather in Paris and Oslo?"),
                firstCalls,
                toolResult("call_0", "{\"temp_c\": 21, \"sky\": \"clear\"}"),
                toolResult("call_1", "14:05"),
                user("Thanks! Now Rome?"),
                secondCall,
                toolResult("call_1", "[1, 2, 3]"));
        Tool time = new Tool("get_time", null, json("""
                {"type": "object", "properties": {"city": {"type": "string"}, "utc": {"type": "boolean"}}}"""), null);
        Tool ping = new Tool("ping", "No arguments.", json("{\"type\": \"object\", \"properties\": {}}"), null);
        return request(messages, List.of(weatherTool(), time, ping), ToolChoice.AUTO, null);
    }

    private static ChatRequest jsonSchema() {
        ResponseFormat format = new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "person", json("""
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "type": "object",
                  "properties": {
                    "name": {"type": "string"},
                    "age": {"type": ["integer", "null"]},
                    "tags": {"type": "array", "items": {"$ref": "#/$defs/Tag"}}
                  },
                  "required": ["name", "age", "tags"],
                  "additionalProperties": false,
                  "$defs": {"Tag": {"type": "string", "enum": ["a", "b"]}}
                }"""), true);
        return request(List.of(user("Give me a person.")), null, null, format);
    }

    private static ChatRequest generationConfig() {
        return new ChatRequest("gemini-flash", List.of(user("Count to three.")), null, null, null,
                0.2, 0.9, 256, List.of("4", "four"), 42L, "user-7", Map.of("trace", "abc"), false, false,
                Json.MAPPER.createObjectNode().put("logit_bias", 1));
    }

    static Tool weatherTool() {
        return new Tool("get_weather", "Current weather for a city.", json("""
                {
                  "$schema": "http://json-schema.org/draft-07/schema#",
                  "type": "object",
                  "properties": {
                    "city": {"type": "string", "description": "City name"},
                    "unit": {"type": ["string", "null"], "enum": ["c", "f", null]}
                  },
                  "required": ["city"],
                  "additionalProperties": false
                }"""), true);
    }

    static ChatRequest request(List<Message> messages, List<Tool> tools, ToolChoice choice, ResponseFormat format) {
        return new ChatRequest("gemini-flash", messages, tools, choice, format, null, null, null, null, null, null, null,
                false, false, null);
    }

    static Message user(String text) {
        return Message.text(Role.USER, text);
    }

    static Message toolResult(String id, String text) {
        return new Message(Role.TOOL, List.of(new ContentPart.Text(text)), null, null, id);
    }

    static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
