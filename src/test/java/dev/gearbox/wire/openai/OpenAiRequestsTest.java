package dev.gearbox.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ContentPart;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.ResponseFormat;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.ToolChoice;
import dev.gearbox.error.GatewayError.BadRequest;
import dev.gearbox.providers.openai.OpenAiQuirks;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiRequestsTest {

    private static ChatRequest parse(String fixture) {
        return OpenAiRequests.parse(OpenAiFixtures.buffer("requests/" + fixture));
    }

    @Test
    void textRequestMapsEveryModelledField() {
        ChatRequest r = parse("text.json");

        assertThat(r.model()).isEqualTo("gpt-4o-mini");
        assertThat(r.messages()).containsExactly(
                Message.text(Role.DEVELOPER, "You are a terse assistant."),
                Message.text(Role.USER, "Say hello."));
        assertThat(r.temperature()).isEqualTo(0.2);
        assertThat(r.topP()).isEqualTo(0.9);
        assertThat(r.maxTokens()).isEqualTo(64);
        assertThat(r.stop()).containsExactly("\n\n");
        assertThat(r.seed()).isEqualTo(42L);
        assertThat(r.user()).isEqualTo("user-1234");
        assertThat(r.stream()).isFalse();
        assertThat(r.extra()).isNull();
    }

    @Test
    void imagePartsKeepUrlAndDetail() {
        ChatRequest r = parse("image_parts.json");

        assertThat(r.hasImages()).isTrue();
        List<ContentPart> parts = r.messages().get(0).content();
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0)).isEqualTo(new ContentPart.Text("What is in these images?"));
        assertThat(parts.get(1)).isEqualTo(new ContentPart.Image(
                "https://upload.wikimedia.org/wikipedia/commons/d/dd/Gfp-wisconsin-madison-the-nature-boardwalk.jpg", "high"));
        ContentPart.Image inline = (ContentPart.Image) parts.get(2);
        assertThat(inline.detail()).isNull();
        assertThat(inline.dataMediaType()).isEqualTo("image/png");
    }

    @Test
    void toolsToolCallsAndToolResults() {
        ChatRequest r = parse("tools_round_trip.json");

        assertThat(r.tools()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("get_current_weather");
            assertThat(t.description()).startsWith("Get the current weather");
            assertThat(t.parameters().path("required").get(0).asText()).isEqualTo("location");
            assertThat(t.strict()).isTrue();
        });
        assertThat(r.toolChoice()).isEqualTo(ToolChoice.named("get_current_weather"));
        Message assistant = r.messages().get(2);
        assertThat(assistant.content()).isEmpty();
        assertThat(assistant.toolCalls()).containsExactly(
                new ToolCall("call_abc123", "get_current_weather", "{\"location\":\"Boston, MA\"}"),
                new ToolCall("call_def456", "get_current_weather", "{\"location\":\"Paris, FR\"}"));
        assertThat(r.messages().get(3).role()).isEqualTo(Role.TOOL);
        assertThat(r.messages().get(3).toolCallId()).isEqualTo("call_abc123");
        assertThat(r.extra().get("parallel_tool_calls").booleanValue()).isTrue();
    }

    @Test
    void jsonSchemaResponseFormat() {
        ChatRequest r = parse("json_schema.json");

        assertThat(r.responseFormat().type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
        assertThat(r.responseFormat().schemaName()).isEqualTo("calendar_event");
        assertThat(r.responseFormat().schema().path("properties").has("participants")).isTrue();
        assertThat(r.responseFormat().strict()).isTrue();
        assertThat(r.wantsJson()).isTrue();
    }

    @Test
    void unmodelledFieldsLandVerbatimInExtra() {
        ChatRequest r = parse("passthrough.json");

        assertThat(r.extra().properties()).extracting(java.util.Map.Entry::getKey).containsExactly(
                "n", "logprobs", "top_logprobs", "presence_penalty", "frequency_penalty", "logit_bias",
                "parallel_tool_calls", "reasoning_effort", "service_tier", "store", "prediction", "modalities",
                "audio", "functions", "function_call", "web_search_options", "verbosity");
        assertThat(r.extra().get("logit_bias")).isEqualTo(OpenAiFixtures.json("requests/passthrough.json").get("logit_bias"));
        assertThat(r.metadata()).containsEntry("team", "search").containsEntry("ticket", "GX-12");
        assertThat(r.maxTokens()).isEqualTo(2000);
    }

    @Test
    void legacyFunctionRoleAndFunctionCall() {
        ChatRequest r = parse("legacy_function.json");

        assertThat(r.messages().get(1).toolCalls()).containsExactly(
                new ToolCall(null, "get_current_weather", "{\"location\":\"Boston\"}"));
        Message result = r.messages().get(2);
        assertThat(result.role()).isEqualTo(Role.TOOL);
        assertThat(result.name()).isEqualTo("get_current_weather");
        assertThat(result.toolCallId()).isNull();
    }

    @Test
    void streamWithIncludeUsageAndTextParts() {
        ChatRequest r = parse("json_object_stream.json");

        assertThat(r.stream()).isTrue();
        assertThat(r.includeUsage()).isTrue();
        assertThat(r.responseFormat()).isEqualTo(ResponseFormat.JSON_OBJECT);
        assertThat(r.toolChoice()).isEqualTo(ToolChoice.NONE);
        assertThat(r.messages().get(1).content()).hasSize(2);
    }

    @Test
    void maxTokensAloneIsTheCapAndMaxCompletionTokensWinsWhenBothAreSent() {
        assertThat(parseInline("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":7}").maxTokens())
                .isEqualTo(7);
        assertThat(parseInline("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"max_tokens\":7,\"max_completion_tokens\":9}").maxTokens()).isEqualTo(9);
    }

    /** write(parse(x)) == x for fixtures already in the writer's normal form: nothing lost, nothing added. */
    @ParameterizedTest
    @ValueSource(strings = {"text.json", "image_parts.json", "tools_round_trip.json", "json_schema.json",
            "passthrough.json", "legacy_function.json", "json_object_stream.json"})
    void roundTripIsLossless(String fixture) {
        JsonNode original = OpenAiFixtures.json("requests/" + fixture);
        ChatRequest r = parse(fixture);

        Buffer written = OpenAiRequests.write(r, r.model(), OpenAiQuirks.OPENAI);

        assertThat(OpenAiFixtures.json(written)).isEqualTo(original);
    }

    @Test
    void writeUsesUpstreamModelAndQuirksMaxTokensField() {
        ChatRequest r = parse("text.json");
        OpenAiQuirks vllm = new OpenAiQuirks(OpenAiQuirks.AuthStyle.BEARER, false, null, OpenAiQuirks.MAX_TOKENS, true);

        JsonNode body = OpenAiFixtures.json(OpenAiRequests.write(r, "meta-llama/Llama-3.1-8B-Instruct", vllm));

        assertThat(body.get("model").asText()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.has("max_completion_tokens")).isFalse();
    }

    @Test
    void streamingWriteAlwaysAsksForUsageUnlessTheServerRejectsStreamOptions() {
        ChatRequest r = parse("text.json").withStream(true);
        assertThat(r.includeUsage()).isFalse();

        JsonNode asked = OpenAiFixtures.json(OpenAiRequests.write(r, "gpt-4o-mini", OpenAiQuirks.OPENAI));
        OpenAiQuirks mistral = new OpenAiQuirks(OpenAiQuirks.AuthStyle.BEARER, false, null, OpenAiQuirks.MAX_TOKENS, false);
        JsonNode notAsked = OpenAiFixtures.json(OpenAiRequests.write(r, "mistral-large-latest", mistral));

        assertThat(asked.get("stream").asBoolean()).isTrue();
        assertThat(asked.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(notAsked.get("stream").asBoolean()).isTrue();
        assertThat(notAsked.has("stream_options")).isFalse();
    }

    @Test
    void metadataIsOnlyForwardedWithStoreTrue() {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"metadata\":{\"team\":\"a\"}}";
        JsonNode written = OpenAiFixtures.json(OpenAiRequests.write(parseInline(body), "m", OpenAiQuirks.OPENAI));

        assertThat(written.has("metadata")).isFalse();
    }

    @Test
    void canonicalRequestFromAnotherIngressWritesSingleTextAsString() {
        ChatRequest r = ChatRequest.of("claude-like", List.of(
                new Message(Role.USER, List.of(new ContentPart.Text("hi", true)), null, null, null)));

        JsonNode body = OpenAiFixtures.json(OpenAiRequests.write(r, "gpt-4o", OpenAiQuirks.OPENAI));

        assertThat(body.at("/messages/0/content").isTextual()).isTrue();
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("hi");
        assertThat(body.has("stream")).isFalse();
    }

    static Stream<Arguments> invalidRequests() {
        String user = "{\"role\":\"user\",\"content\":\"hi\"}";
        return Stream.of(
                // body, param, code, message fragment
                Arguments.of("{\"model\": \"gpt-4o\", \"messages\": [}", null, "invalid_json", "Malformed JSON at line 1, column 34: Unexpected close marker '}': expected ']'"),
                Arguments.of("{\n  \"model\": \"gpt-4o\",\n  \"messages\": [\n    {\"role\": \"user\" \"content\": \"x\"}\n  ]\n}",
                        null, "invalid_json", "Malformed JSON at line 4, column "),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "]} trailing", null, "invalid_json", "Malformed JSON at line 1"),
                Arguments.of("", null, "invalid_json", "empty"),
                Arguments.of("[1, 2]", null, "invalid_type", "must be a JSON object"),
                Arguments.of("[".repeat(500), null, "invalid_json", "nesting depth"),
                Arguments.of("{\"messages\":[" + user + "]}", "model", "missing_required_parameter", "'model'"),
                Arguments.of("{\"model\":42,\"messages\":[" + user + "]}", "model", "invalid_type", "expected a string, but got an integer"),
                Arguments.of("{\"model\":\"m\"}", "messages", "missing_required_parameter", "'messages'"),
                Arguments.of("{\"model\":\"m\",\"messages\":[]}", "messages", "empty_array", "empty array"),
                Arguments.of("{\"model\":\"m\",\"messages\":\"hi\"}", "messages", "invalid_type", "expected an array"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "," + user + ",{\"role\":\"user\"}]}",
                        "messages[2].content", "missing_required_parameter", "'messages[2].content'"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + ",{\"role\":\"user\",\"content\":42}]}",
                        "messages[1].content", "invalid_type", "a string or an array of content parts"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}",
                        "messages[0].role", "invalid_value", "'robot'"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}",
                        "messages[0].role", "missing_required_parameter", "'messages[0].role'"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + ",{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                        + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAA\",\"format\":\"wav\"}}]}]}",
                        "messages[1].content[1].type", "invalid_value", "'input_audio' at messages[1].content[1]"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"detail\":\"low\"}}]}]}",
                        "messages[0].content[0].image_url.url", "missing_required_parameter", "image_url.url"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + ",{\"role\":\"tool\",\"content\":\"42\"}]}",
                        "messages[1].tool_call_id", "missing_required_parameter", "tool_call_id"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"function\",\"content\":\"42\"}]}",
                        "messages[0].name", "missing_required_parameter", "messages[0].name"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + ",{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                        + "\"function\":{\"arguments\":\"{}\"}}]}]}",
                        "messages[1].tool_calls[0].function.name", "missing_required_parameter", "tool_calls[0].function.name"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "],\"temperature\":\"hot\"}",
                        "temperature", "invalid_type", "expected a number, but got a string"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "],\"max_tokens\":0}", "max_tokens", "invalid_value", "at least 1"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "],\"max_completion_tokens\":1.5}",
                        "max_completion_tokens", "invalid_type", "expected an integer"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "],\"tools\":[{\"type\":\"function\",\"function\":{\"description\":\"d\"}}]}",
                        "tools[0].function.name", "missing_required_parameter", "'tools[0].function.name'"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "],\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"x\"}}]}",
                        "tools[0].type", "invalid_value", "'custom' at tools[0]"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "],\"tool_choice\":\"sometimes\"}",
                        "tool_choice", "invalid_value", "'sometimes'"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "],\"tool_choice\":{\"type\":\"function\",\"function\":{}}}",
                        "tool_choice.function.name", "missing_required_parameter", "tool_choice.function.name"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "],\"response_format\":{\"type\":\"yaml\"}}",
                        "response_format.type", "invalid_value", "'yaml'"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "],\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"schema\":{}}}}",
                        "response_format.json_schema.name", "missing_required_parameter", "json_schema.name"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "],\"stop\":[\"a\",1]}", "stop[1]", "invalid_type", "'stop[1]'"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "],\"metadata\":{\"a\":1}}", "metadata.a", "invalid_type", "'metadata.a'"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "],\"stream\":\"yes\"}", "stream", "invalid_type", "expected a boolean"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "],\"stream_options\":{\"include_usage\":\"yes\"}}",
                        "stream_options.include_usage", "invalid_type", "expected a boolean"),
                Arguments.of("{\"model\":\"m\",\"messages\":[" + user + "],\"seed\":\"x\"}", "seed", "invalid_type", "expected an integer"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void invalidRequestNamesTheFieldOrPosition(String body, String param, String code, String messageFragment) {
        BadRequest e = catchThrowableOfType(BadRequest.class, () -> parseInline(body));

        assertThat(e).as("expected a BadRequest for %s", body).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.param()).isEqualTo(param);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).contains(messageFragment);
    }

    @Test
    void nullOptionalFieldsCountAsAbsent() {
        ChatRequest r = parseInline("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":null,"
                + "\"tools\":null,\"stop\":null,\"stream_options\":null,\"max_tokens\":null}");

        assertThat(r.temperature()).isNull();
        assertThat(r.tools()).isEmpty();
        assertThat(r.stop()).isEmpty();
        assertThat(r.maxTokens()).isNull();
    }

    private static ChatRequest parseInline(String body) {
        return OpenAiRequests.parse(Buffer.buffer(body));
    }
}
