package dev.gearbox.wire.anthropic;

import static dev.gearbox.chat.Json.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ContentPart;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.ResponseFormat;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.Tool;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.ToolChoice;
import dev.gearbox.error.GatewayError;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnthropicRequestsTest {
    private static final String MODEL = "claude-sonnet-4-5";

    static Stream<Arguments> fixtures() throws Exception {
        return Stream.of(
                arguments("system_cache", request(List.of(
                        new Message(Role.SYSTEM, List.of(new ContentPart.Text("You are a terse assistant.", true)), null, null, null),
                        Message.text(Role.DEVELOPER, "Answer in French."),
                        new Message(Role.USER, List.of(new ContentPart.Text("Here is a long document.", true)), null, null, null),
                        Message.text(Role.USER, "Summarise it.")))),
                arguments("images", request(List.of(new Message(Role.USER, List.of(
                        new ContentPart.Text("What is in these pictures?"),
                        new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", null),
                        new ContentPart.Image("https://example.com/cat.jpg", "high")), null, null, null)))),
                arguments("tools_round_trip", toolsRoundTrip()),
                arguments("merged_turns", request(List.of(
                        Message.text(Role.SYSTEM, "Be brief."),
                        Message.text(Role.USER, "Hello."),
                        Message.text(Role.USER, "Are you there?"),
                        Message.text(Role.ASSISTANT, "Yes."),
                        Message.text(Role.ASSISTANT, ""),
                        Message.text(Role.ASSISTANT, "How can I help?"),
                        Message.text(Role.SYSTEM, "Use British spelling."),
                        Message.text(Role.USER, "Colour of the sky?")))),
                arguments("json_object", withFormat(request(List.of(
                        Message.text(Role.SYSTEM, "You extract data."),
                        Message.text(Role.USER, "Name and age of: Ada, 36."))), ResponseFormat.JSON_OBJECT)),
                arguments("json_schema", withFormat(request(List.of(Message.text(Role.USER, "Name and age of: Ada, 36."))),
                        new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "person", MAPPER.readTree("""
                                {"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},
                                 "required":["name","age"]}"""), true))),
                arguments("sampling_params", new ChatRequest(MODEL, List.of(Message.text(Role.USER, "Count to ten.")),
                        null, null, null, 1.5, 0.9, 256, List.of("7", "END"), 7L, "user-42", null, true, true, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void encodesTheFixtureBody(String fixture, ChatRequest request) {
        JsonNode body = AnthropicRequests.encode(request, AnthropicRequests.DEFAULT_MAX_TOKENS);

        assertThat(body).isEqualTo(AnthropicFixtures.json("requests/" + fixture + ".json"));
    }

    static Stream<Arguments> toolChoices() {
        return Stream.of(
                arguments(ToolChoice.AUTO, "{\"type\":\"auto\"}"),
                arguments(ToolChoice.REQUIRED, "{\"type\":\"any\"}"),
                arguments(ToolChoice.named("get_time"), "{\"type\":\"tool\",\"name\":\"get_time\"}"),
                arguments(ToolChoice.NONE, "{\"type\":\"none\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toolChoices")
    void mapsToolChoice(ToolChoice choice, String expected) throws Exception {
        ChatRequest request = new ChatRequest(MODEL, List.of(Message.text(Role.USER, "hi")),
                List.of(new Tool("get_time", null, null, null)), choice, null, null, null, null, null, null, null, null,
                false, false, null);

        assertThat(AnthropicRequests.encode(request, 100).get("tool_choice")).isEqualTo(MAPPER.readTree(expected));
    }

    @Test
    void sendsNoToolChoiceWithoutTools() {
        ChatRequest request = new ChatRequest(MODEL, List.of(Message.text(Role.USER, "hi")), null, ToolChoice.REQUIRED,
                null, null, null, null, null, null, null, null, false, false, null);

        assertThat(AnthropicRequests.encode(request, 100).has("tool_choice")).isFalse();
    }

    @Test
    void usesTheDefaultMaxTokensWhenTheRequestHasNone() {
        JsonNode body = AnthropicRequests.encode(request(List.of(Message.text(Role.USER, "hi"))), 1234);

        assertThat(body.get("max_tokens").intValue()).isEqualTo(1234);
    }

    @Test
    void refusesToolCallArgumentsThatAreNotJsonNamingTheMessage() {
        ChatRequest request = request(List.of(
                Message.text(Role.USER, "weather?"),
                new Message(Role.ASSISTANT, List.of(), null, List.of(
                        new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("toolu_2", "get_weather", "{\"city\": Par")), null)));

        assertThatThrownBy(() -> AnthropicRequests.encode(request, 100))
                .isInstanceOfSatisfying(GatewayError.BadRequest.class, e -> {
                    assertThat(e.param()).isEqualTo("messages[1].tool_calls[1].function.arguments");
                    assertThat(e.getMessage()).contains("messages[1]").doesNotContain("Par");
                });
    }

    @Test
    void refusesToolCallArgumentsThatAreJsonButNotAnObject() {
        ChatRequest request = request(List.of(new Message(Role.ASSISTANT, List.of(), null,
                List.of(new ToolCall("toolu_1", "f", "[1,2]")), null)));

        assertThatThrownBy(() -> AnthropicRequests.encode(request, 100))
                .isInstanceOfSatisfying(GatewayError.BadRequest.class,
                        e -> assertThat(e.param()).isEqualTo("messages[0].tool_calls[0].function.arguments"));
    }

    @Test
    void refusesAToolMessageWithoutItsCallId() {
        ChatRequest request = request(List.of(Message.text(Role.USER, "hi"), Message.text(Role.TOOL, "42")));

        assertThatThrownBy(() -> AnthropicRequests.encode(request, 100))
                .isInstanceOfSatisfying(GatewayError.BadRequest.class,
                        e -> assertThat(e.param()).isEqualTo("messages[1].tool_call_id"));
    }

    @Test
    void refusesAnImageUrlThatIsNeitherHttpNorBase64Data() {
        for (String url : List.of("ftp://example.com/a.png", "data:image/png,rawbytes")) {
            ChatRequest request = request(List.of(new Message(Role.USER,
                    List.of(new ContentPart.Image(url, null)), null, null, null)));

            assertThatThrownBy(() -> AnthropicRequests.encode(request, 100))
                    .as(url)
                    .isInstanceOfSatisfying(GatewayError.BadRequest.class,
                            e -> assertThat(e.param()).isEqualTo("messages[0].content"));
        }
    }

    private static ChatRequest toolsRoundTrip() throws Exception {
        Tool weather = new Tool("get_weather", "Current weather for a city", MAPPER.readTree("""
                {"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},"required":["city"]}"""),
                null);
        Tool time = new Tool("get_time", null, null, null);
        List<Message> messages = List.of(
                Message.text(Role.USER, "Weather in Paris and time in Tokyo?"),
                new Message(Role.ASSISTANT, List.of(new ContentPart.Text("Let me check.")), null, List.of(
                        new ToolCall("toolu_01", "get_weather", "{\"city\": \"Paris\", \"unit\": \"celsius\"}"),
                        new ToolCall("toolu_02", "get_time", "")), null),
                new Message(Role.TOOL, List.of(new ContentPart.Text("18C, cloudy")), null, null, "toolu_01"),
                new Message(Role.TOOL, List.of(new ContentPart.Text("21:04")), null, null, "toolu_02"),
                Message.text(Role.USER, "Thanks, and tomorrow?"));
        return new ChatRequest(MODEL, messages, List.of(weather, time), ToolChoice.AUTO, null, null, null, null, null,
                null, null, null, false, false, null);
    }

    private static ChatRequest request(List<Message> messages) {
        return ChatRequest.of(MODEL, messages);
    }

    private static ChatRequest withFormat(ChatRequest r, ResponseFormat format) {
        return new ChatRequest(r.model(), r.messages(), r.tools(), r.toolChoice(), format, r.temperature(), r.topP(),
                r.maxTokens(), r.stop(), r.seed(), r.user(), r.metadata(), r.stream(), r.includeUsage(), r.extra());
    }
}
